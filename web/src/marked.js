// An article's text with its evidence and coded fields marked in place, as displaCy shows
// entities: each evidence sentence underlined, and inside it the words each field came from
// (actor, recipient, place, date, toll, source) boxed and labelled. Marks come from the API
// (`marks`: start, end, label, event) and may nest; a span that would cross another is left
// unmarked.
import { h } from "./dom.js";

export const MARK_LABELS = {
  ACTOR: "actor",
  RECIPIENT: "recipient",
  PLACE: "place",
  DATE: "date",
  KILLED: "killed",
  INJURED: "injured",
  SOURCE: "said by",
  CLAIM: "claimed by",
};

// Evidence spans that really point into the text (offsets checked, else found by searching),
// sorted and without overlaps; each keeps its index in `evidence`.
export function locateEvidence(text, evidence) {
  const spans = [];
  (evidence || []).forEach((item, index) => {
    const sentence = item.sentence || "";
    let start = item.start;
    let end = item.end;
    if (!(Number.isInteger(start) && text.slice(start, end) === sentence)) {
      start = sentence ? text.indexOf(sentence) : -1;
      end = start + sentence.length;
    }
    if (start >= 0 && sentence) spans.push({ start, end, index });
  });
  spans.sort((a, b) => a.start - b.start);
  return spans.filter((s, i) => i === 0 || s.start >= spans[i - 1].end);
}

// Spans (sorted by start, longest first) as a tree: each span holds the spans inside it.
function nest(spans) {
  const root = { start: 0, end: Infinity, children: [] };
  const stack = [root];
  for (const span of spans) {
    while (stack.length > 1 && span.start >= stack[stack.length - 1].end) stack.pop();
    const parent = stack[stack.length - 1];
    if (span.end > parent.end) continue;
    const node = { ...span, children: [] };
    parent.children.push(node);
    stack.push(node);
  }
  return root;
}

function render(text, node, from, to, make) {
  const out = [];
  let at = from;
  for (const child of node.children) {
    if (child.start > at) out.push(text.slice(at, child.start));
    out.push(make(child, render(text, child, child.start, child.end, make)));
    at = child.end;
  }
  if (at < to) out.push(text.slice(at, to));
  return out;
}

// The text as a block, evidence spans (`{start, end, index}`) outermost, marks inside.
// Where a text holds several events, `eventNumber(mark)` numbers each mark's label by event.
export function markedText(text, evidenceSpans, marks, eventNumber = () => null) {
  const spans = [
    ...evidenceSpans.map((s) => ({ ...s, kind: "evidence" })),
    ...(marks || []).map((m, i) => ({ ...m, kind: "mark", index: i })),
  ].sort((a, b) => a.start - b.start || b.end - a.end || (a.kind === "evidence" ? -1 : 1));
  const make = (span, children) => {
    if (span.kind === "evidence") {
      return h("span", { class: "evidence", id: `evidence-${span.index + 1}`, dataset: { evidence: String(span.index) }, tabindex: "-1" }, children);
    }
    const label = MARK_LABELS[span.label] || span.label.toLowerCase();
    const number = eventNumber(span);
    // The label is drawn by CSS from data-name, so the text copies and reads as the article's.
    const name = number ? `${label} ${number}` : label;
    return h("mark", { class: `ent ent-${span.label.toLowerCase()}`, id: `mark-${span.index + 1}`, dataset: { label: span.label, name }, title: number ? `${label} of event ${number}` : label, tabindex: "-1" }, children);
  };
  return h("div", { class: "article-text", id: "article-text" }, render(text, nest(spans), 0, text.length, make));
}

// The colour key of the labels that occur in `marks`.
export function markLegend(marks) {
  const present = new Set((marks || []).map((m) => m.label));
  const labels = Object.keys(MARK_LABELS).filter((l) => present.has(l));
  if (!labels.length) return null;
  return h(
    "p",
    { class: "mark-legend" },
    "Marked in the text: ",
    h("span", { class: "evidence" }, "evidence sentence"),
    labels.map((l) => [" ", h("span", { class: `ent-key ent-${l.toLowerCase()}` }, MARK_LABELS[l])]),
  );
}
