// The article page (/articles/<document id>): one stored report's text with every event coded
// from it marked in place, the list of those events, and the tallies it reports.
import { externalLink, h } from "./dom.js";
import { casualties, eventDate, eventPath, parties, place } from "./format.js";
import { locateEvidence, markLegend, markedText } from "./marked.js";
import { loadPage } from "./page.js";
import { typeColor, typeLabel } from "./types.js";

function eventItem(event, number) {
  return h(
    "li",
    { id: `event-${number}` },
    h("span", { class: "swatch", style: `background:${typeColor(event.type)}`, "aria-hidden": "true" }),
    h("a", { href: eventPath(event.id) }, `Event ${number}: ${typeLabel(event.type)}`),
    `, ${[parties(event), place(event), eventDate(event), casualties(event)].filter(Boolean).join(" · ")}`,
  );
}

export async function renderArticle(root, docId) {
  const loaded = await loadPage(root, "article", `/v1/articles/${encodeURIComponent(docId)}`, `There is no stored article ${docId}.`);
  if (!loaded) return;
  const { record: article, nav } = loaded;
  const text = article.text || "";
  const events = article.events || [];
  const numbers = new Map(events.map((e, i) => [e.id, i + 1]));
  const evidence = events.flatMap((e) => e.evidence || []);
  const spans = locateEvidence(text, evidence);
  const eventNumber = (mark) => (events.length > 1 ? numbers.get(mark.event) : null);
  const heading = h("h1", { tabindex: "-1" }, article.title || article.id);
  root.replaceChildren(
    nav(),
    h(
      "article",
      { class: "event-page article-page" },
      h(
        "header",
        {},
        heading,
        h("p", { class: "meta" }, [article.outlet, article.wire_agency && article.wire_agency !== article.outlet ? `via ${article.wire_agency}` : null, article.published ? `published ${article.published}` : "publication date unknown", article.byline].filter(Boolean).join(" · ")),
        article.url ? h("p", { class: "meta" }, externalLink(article.url, article.url)) : null,
      ),
      h(
        "section",
        { "aria-labelledby": "events-coded-h" },
        h("h2", { id: "events-coded-h" }, events.length ? `${events.length} ${events.length === 1 ? "event" : "events"} coded from this report` : "No event was coded from this report"),
        events.length ? h("ol", { class: "article-events" }, events.map((e, i) => eventItem(e, i + 1))) : null,
      ),
      h(
        "section",
        { "aria-labelledby": "text-h" },
        h("h2", { id: "text-h" }, "Text"),
        events.length ? h("p", { class: "hint" }, "Evidence sentences are underlined; the words each event's fields came from are marked and labelled with the event's number.") : null,
        markLegend(article.marks),
        text ? markedText(text, spans, article.marks, eventNumber) : h("p", { class: "muted" }, "The text is not available."),
      ),
      article.tallies?.length
        ? h("section", { "aria-labelledby": "tallies-h" }, h("h2", { id: "tallies-h" }, "Tallies reported (not events)"), h("ul", {}, article.tallies.map((t) => h("li", {}, t.sentence || t.text))))
        : null,
    ),
  );
  document.title = `Eventwire: ${article.title || article.id}`;
  heading.focus();
}
