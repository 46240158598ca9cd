// The event page (/events/<id>): the article text with every evidence sentence highlighted,
// each coded field with the sentence it comes from, and every report with its own figures
// and why it was merged into this event.
import { EXPORTS } from "./api.js";
import { externalLink, fmtNumber, h } from "./dom.js";
import { articlePath, casualties, eventDate, parties, place } from "./format.js";
import { locateEvidence, markLegend, markedText } from "./marked.js";
import { loadPage } from "./page.js";
import { FILTER_KEYS, query } from "./state.js";
import { typeColor, typeLabel } from "./types.js";

// Where a field stands in the text: a link to its mark, the words quoted.
function inText(text, marks, label, words) {
  const index = (marks || []).findIndex((m) => m.label === label);
  if (index >= 0) {
    const mark = marks[index];
    return h("a", { href: `#mark-${index + 1}`, class: "jump" }, `“${text.slice(mark.start, mark.end)}”`);
  }
  return words ? h("span", { class: "muted" }, `“${words}” (not found in the text)`) : h("span", { class: "muted" }, "—");
}

const describeParty = (p) => (p ? [p.name || p.text, p.country, p.sector].filter(Boolean).join(" · ") + (p.text && p.name && p.text !== p.name ? ` (“${p.text}”)` : "") : null);
function describeQuantity(q) {
  if (!q) return null;
  const known = q.count !== null && q.count !== undefined;
  const number = known ? fmtNumber(q.count) : "unknown";
  return q.text && q.text !== String(q.count) ? `${number} (“${q.text}”)` : number;
}

function describeValue(value) {
  if (value === null || value === undefined || value === "") return null;
  if (Array.isArray(value)) return value.length ? value.map(describeValue).join("; ") : null;
  if (typeof value === "object") {
    const parts = Object.entries(value).filter(([, v]) => v !== null && v !== undefined && v !== "").map(([k, v]) => `${k.replace(/_/g, " ")}: ${typeof v === "object" ? JSON.stringify(v) : v}`);
    return parts.length ? parts.join(", ") : null;
  }
  return String(value);
}

function fieldRows(event) {
  const text = event.article_text || "";
  const loc = event.location;
  const fatalityNote = event.acled?.fatalities_note;
  const rows = [
    ["Type", `${typeLabel(event.type)}${event.mode ? ` (${event.mode})` : ""}`, null],
    ["Date", event.date ? `${event.date}${event.date_precision ? ` (${event.date_precision})` : ""}` : "unknown", "DATE", event.date_text],
    ["Actor", describeParty(event.actor), "ACTOR", event.actor?.text],
    ["Recipient", describeParty(event.recipient), "RECIPIENT", event.recipient?.text],
    ["Place", loc ? [place(event), loc.precision ? `precision: ${loc.precision}` : null, typeof loc.lat === "number" ? `${loc.lat.toFixed(3)}, ${loc.lon.toFixed(3)}` : null].filter(Boolean).join(" · ") : null, "PLACE", loc?.text],
    ["Fatalities", describeQuantity(event.fatalities), "KILLED", event.fatalities?.text],
    ["Injuries", describeQuantity(event.injuries), "INJURED", event.injuries?.text],
    ["Attributed to", event.attribution?.text, "SOURCE", event.attribution?.text],
    ["Claimed by", describeValue(event.claimed_by), "CLAIM", typeof event.claimed_by === "string" ? event.claimed_by : event.claimed_by?.text],
    ["Modality", describeValue(event.modality), null],
    ["Confidence", typeof event.confidence === "number" ? event.confidence.toFixed(2) : describeValue(event.confidence), null],
    ["ACLED", describeValue(event.acled && { ...event.acled, fatalities_note: undefined }), null],
    ["ACLED fatalities", fatalityNote ? `${fmtNumber(event.acled.fatalities)}: ${fatalityNote}` : null, null],
    ["CAMEO root", describeValue(event.cameo_root), null],
  ];
  const firstEvidence = event.evidence?.length ? h("a", { href: "#evidence-1", class: "jump" }, "evidence sentence 1") : h("span", { class: "muted" }, "—");
  return rows
    .filter(([, value]) => value)
    .map(([name, value, label, words]) => h("tr", {}, h("th", { scope: "row" }, name), h("td", {}, value), h("td", { class: "from" }, label ? inText(text, event.marks, label, words) : name === "Type" ? firstEvidence : h("span", { class: "muted" }, "—"))));
}

function mergeExplanation(report) {
  if (report.forced) return "Merged by hand.";
  if (!report.merged) return "First report of this event; the others were matched to it.";
  return h("ul", { class: "merge" }, Object.entries(report.merged).map(([field, how]) => h("li", {}, h("strong", {}, field), `: ${describeValue(how) ?? "matched"}`)));
}

function reportsTable(event) {
  const reports = event.reports || [];
  return h(
    "div",
    { class: "table-scroll" },
    h(
      "table",
      { class: "reports" },
      h("caption", { class: "visually-hidden" }, "Reports of this event, with their own figures and how each was matched"),
      h("thead", {}, h("tr", {}, ["Source", "Published", "Wire agency", "Killed", "Injured", "Attributed to", "Why merged", "Text"].map((c) => h("th", { scope: "col" }, c)))),
      h(
        "tbody",
        {},
        reports.map((r) =>
          h(
            "tr",
            { class: r.event_id === event.id ? "lead" : null },
            h("td", { dataset: { label: "Source" } }, h("span", { class: "outlet" }, r.outlet || "Unknown outlet"), h("br"), r.url ? externalLink(r.url, r.title) : r.title || r.article),
            h("td", { class: "nowrap", dataset: { label: "Published" } }, r.published || ""),
            h("td", { dataset: { label: "Wire agency" } }, r.wire_agency || ""),
            h("td", { class: "num", dataset: { label: "Killed" } }, describeQuantity(r.fatalities) || ""),
            h("td", { class: "num", dataset: { label: "Injured" } }, describeQuantity(r.injuries) || ""),
            h("td", { dataset: { label: "Attributed to" } }, r.attribution?.text || ""),
            h("td", { dataset: { label: "Why merged" } }, mergeExplanation(r)),
            h("td", { dataset: { label: "Text" } }, h("a", { href: articlePath(r.article), class: "read-report" }, r.event_id === event.id ? "Read this report (also below)" : "Read this report")),
          ),
        ),
      ),
    ),
  );
}

export async function renderEvent(root, id) {
  const loaded = await loadPage(root, "event", `/v1/events/${encodeURIComponent(id)}`, `There is no event with id ${id}.`);
  if (!loaded) return;
  const { record: event, nav, state } = loaded;
  const text = event.article_text || "";
  const spans = locateEvidence(text, event.evidence);
  const cluster = event.cluster || {};
  const range = cluster.fatalities_range;
  const heading = h("h1", { tabindex: "-1" }, h("span", { class: "swatch big", style: `background:${typeColor(event.type)}`, "aria-hidden": "true" }), `${typeLabel(event.type)}: ${parties(event)}`);
  const filters = query(state, FILTER_KEYS);
  const missing = (event.evidence || []).filter((_, i) => !spans.some((s) => s.index === i));
  root.replaceChildren(
    nav(),
    h(
      "article",
      { class: "event-page" },
      h(
        "header",
        {},
        heading,
        h("p", { class: "meta" }, [eventDate(event), place(event), casualties(event)].filter(Boolean).join(" · ")),
        h(
          "p",
          { class: "meta" },
          `${fmtNumber(cluster.reports ?? 1)} ${cluster.reports === 1 ? "report" : "reports"} from ${fmtNumber(cluster.independent_sources ?? 1)} independent ${cluster.independent_sources === 1 ? "source" : "sources"}`,
          range && range[0] !== range[1] ? `; fatality figures range from ${fmtNumber(range[0])} to ${fmtNumber(range[1])}` : "",
          ".",
        ),
      ),
      h("section", { "aria-labelledby": "fields-h" }, h("h2", { id: "fields-h" }, "Coded fields and where they come from"), h("table", { class: "fields" }, h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Field"), h("th", { scope: "col" }, "Value"), h("th", { scope: "col" }, "In the text"))), h("tbody", {}, fieldRows(event)))),
      h(
        "section",
        { "aria-labelledby": "article-h" },
        h("h2", { id: "article-h" }, "Article"),
        h("p", { class: "meta" }, event.source?.url ? externalLink(event.source.url, event.source.title) : event.source?.title || "", event.source?.outlet ? ` · ${event.source.outlet}` : "", event.source?.published ? ` · published ${event.source.published}` : ""),
        h("p", { class: "hint" }, `${spans.length} evidence ${spans.length === 1 ? "sentence is" : "sentences are"} underlined; the words each field came from are marked and labelled.`),
        markLegend(event.marks),
        text ? markedText(text, spans, event.marks) : h("p", { class: "muted" }, "The article text is not available."),
        missing.length ? h("div", { class: "missing" }, h("p", {}, "Evidence not found in the text:"), h("ul", {}, missing.map((e) => h("li", {}, e.sentence)))) : null,
      ),
      h("section", { "aria-labelledby": "reports-h" }, h("h2", { id: "reports-h" }, "Reports and sources"), reportsTable(event)),
      h(
        "section",
        { "aria-labelledby": "export-event-h" },
        h("h2", { id: "export-event-h" }, "Export"),
        h("p", { class: "exports" }, h("a", { href: `/v1/events/${encodeURIComponent(event.id)}`, download: `${event.id}.json` }, "This event (JSON)"), " · Events matching the current filters: ", EXPORTS.flatMap(([path, label], i) => [i ? " · " : "", h("a", { href: filters ? `${path}?${filters}` : path, download: "" }, label)])),
      ),
    ),
  );
  document.title = `Eventwire: ${typeLabel(event.type)}, ${eventDate(event)}`;
  heading.focus();
}
