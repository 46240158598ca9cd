// The dashboard: filter bar, map, timeline and table, all driven by the URL query string.
import { EXPORTS, channel, getJSON, isAbort } from "./api.js";
import { fmtNumber, h } from "./dom.js";
import { bboxString, createMap } from "./map.js";
import { createTable } from "./table.js";
import { createTimeline } from "./timeline.js";
import { PLOVER_TYPES, typeLabel } from "./types.js";
import { DEFAULT_INTERVAL, DEFAULT_SORT, FILTER_KEYS, VIEW_KEYS, query, setState } from "./state.js";

const PAGE = 50;
const MAP_LIMIT = 500;

function field(label, input, hint) {
  return h("div", { class: "field" }, h("label", { for: input.id }, label), input, hint ? h("span", { class: "hint", id: `${input.id}-hint` }, hint) : null);
}

export function createDashboard(root) {
  const inputs = {
    since: h("input", { id: "f-since", name: "since", type: "date" }),
    until: h("input", { id: "f-until", name: "until", type: "date" }),
    country: h("input", { id: "f-country", name: "country", type: "text", list: "countries", size: 12, maxlength: 100, autocomplete: "off", spellcheck: "false", "aria-describedby": "f-country-hint" }),
    admin1: h("input", { id: "f-admin1", name: "admin1", type: "text", list: "admin1s", size: 14, maxlength: 200, autocomplete: "off", spellcheck: "false" }),
    // PLOVER types, then ACLED's (filled from /v1/types), whose values start "acled:"
    type: h("select", { id: "f-type", name: "type" }, h("option", { value: "" }, "Any type"), h("optgroup", { label: "PLOVER" }, PLOVER_TYPES.map((t) => h("option", { value: t }, typeLabel(t))))),
    actor: h("input", { id: "f-actor", name: "actor", type: "text", list: "actors", autocomplete: "off", size: 16 }),
    min_sources: h("input", { id: "f-min-sources", name: "min_sources", type: "number", min: 1, step: 1, inputmode: "numeric", size: 3 }),
    q: h("input", { id: "f-q", name: "q", type: "search", size: 18 }),
    bbox: h("input", { id: "f-bbox", name: "bbox", type: "checkbox" }),
  };
  const countries = h("datalist", { id: "countries" });
  const admin1s = h("datalist", { id: "admin1s" });
  const actors = h("datalist", { id: "actors" });
  const form = h(
    "form",
    { class: "filters", role: "search", "aria-label": "Filter events" },
    field("From", inputs.since),
    field("To", inputs.until),
    field("Country", inputs.country, "name or ISO code, e.g. Somalia or SOM"),
    field("Province or state", inputs.admin1),
    field("Event type", inputs.type),
    field("Actor", inputs.actor),
    field("Min. sources", inputs.min_sources),
    field("Search text", inputs.q),
    h("div", { class: "field field-check" }, inputs.bbox, h("label", { for: "f-bbox" }, "Only the map area")),
    h("div", { class: "buttons" }, h("button", { type: "submit", class: "primary" }, "Apply"), h("button", { type: "button", id: "f-clear" }, "Clear filters")),
    countries,
    admin1s,
    actors,
  );
  // On a phone the filters fold behind one line that says how many are set; elsewhere they
  // are always open.
  const narrow = window.matchMedia("(max-width: 640px)");
  const toggle = h("summary", { class: "filter-toggle" }, "Filters");
  const filterBox = h("details", { class: "filter-box", open: !narrow.matches }, toggle, form);
  narrow.addEventListener("change", () => {
    filterBox.open = !narrow.matches;
  });
  const status = h("p", { id: "result-status", class: "status", role: "status", "aria-live": "polite" });
  const alert = h("p", { class: "error", role: "alert", hidden: true });
  const mapEl = h("div", { id: "map", class: "map", role: "region", "aria-label": "Map of events. Use arrow keys to pan, plus and minus to zoom; markers are focusable." });
  const legend = h("ul", { class: "legend", "aria-label": "Event types on the map" });
  const interval = h("select", { id: "f-interval" }, h("option", { value: "day" }, "Per day"), h("option", { value: "week" }, "Per week"), h("option", { value: "month" }, "Per month"));
  const chartEl = h("div", { class: "chart", id: "timeline" });
  const tableSection = h("section", { class: "panel table-panel", "aria-labelledby": "events-h" }, h("h2", { id: "events-h" }, "Events"));
  const exports = h("p", { class: "exports" });
  const element = h(
    "div",
    { class: "dashboard" },
    h("h1", { class: "visually-hidden" }, "Event explorer"),
    filterBox,
    status,
    alert,
    h(
      "div",
      { class: "panels" },
      h("section", { class: "panel map-panel", "aria-labelledby": "map-h" }, h("h2", { id: "map-h" }, "Map"), mapEl, h("p", { class: "hint" }, `Shows up to ${MAP_LIMIT} events matching the filters; clusters split as you zoom.`), legend),
      h(
        "section",
        { class: "panel timeline-panel", "aria-labelledby": "timeline-h" },
        h("div", { class: "panel-head" }, h("h2", { id: "timeline-h" }, "Timeline"), h("div", { class: "field inline" }, h("label", { for: "f-interval" }, "Interval"), interval)),
        chartEl,
        h("p", { class: "hint" }, "Bars: events per period, coloured by type. Line (right axis): reported fatalities. Drag across the chart to filter by date; drag outside the selection to clear it."),
      ),
    ),
    tableSection,
    h("section", { class: "panel", "aria-labelledby": "export-h" }, h("h2", { id: "export-h" }, "Export these events"), exports),
  );
  root.append(element);

  let state = {};
  const map = createMap(mapEl, legend, {
    onMoveEnd: (bounds) => {
      if (state.bbox) setState({ ...state, bbox: bboxString(bounds) }, { replace: true });
    },
  });
  const timeline = createTimeline(chartEl, {
    onBrush: (since, until) => setState({ ...state, since, until }),
  });
  const table = createTable(tableSection, {
    onSort: (key) => {
      const current = state.sort || DEFAULT_SORT;
      setState({ ...state, sort: current === `-${key}` ? key : `-${key}` });
    },
    onLoadMore: () => loadMore(),
  });

  const readForm = () => {
    const next = {};
    for (const key of VIEW_KEYS) if (state[key]) next[key] = state[key];
    for (const key of ["since", "until", "admin1", "actor", "q"]) next[key] = inputs[key].value.trim();
    const type = inputs.type.value;
    next.type = type.startsWith("acled:") ? "" : type;
    next.acled_type = type.startsWith("acled:") ? type.slice("acled:".length) : "";
    next.country = inputs.country.value.trim().toUpperCase();
    const min = parseInt(inputs.min_sources.value, 10);
    next.min_sources = min > 1 ? String(min) : "";
    next.bbox = inputs.bbox.checked ? state.bbox || bboxString(map.bounds()) : "";
    return next;
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!form.reportValidity()) return;
    if (narrow.matches) filterBox.open = false;
    setState(readForm());
  });
  for (const key of ["type", "bbox"]) inputs[key].addEventListener("change", () => setState(readForm()));
  form.querySelector("#f-clear").addEventListener("click", () => {
    const next = {};
    for (const key of VIEW_KEYS) if (state[key]) next[key] = state[key];
    setState(next);
  });
  interval.addEventListener("change", () => setState({ ...state, interval: interval.value }));

  let actorTimer = null;
  inputs.actor.addEventListener("input", () => {
    clearTimeout(actorTimer);
    const q = inputs.actor.value.trim();
    if (q.length < 2) return;
    actorTimer = setTimeout(() => {
      getJSON("/v1/actors", new URLSearchParams({ q, limit: "12" }).toString())
        .then((body) => actors.replaceChildren(...(body.items || []).map((a) => h("option", { value: a.name || a.actor || a.text || "" }))))
        .catch(() => {});
    }, 250);
  });
  getJSON("/v1/types")
    .then((body) => {
      for (const [eventType, subEvents] of Object.entries(body.acled || {})) {
        const group = h("optgroup", { label: `ACLED: ${eventType}` }, h("option", { value: `acled:${eventType}` }, `${eventType} (all)`), subEvents.map((sub) => h("option", { value: `acled:${sub}` }, sub)));
        inputs.type.append(group);
      }
      inputs.type.value = state.acled_type ? `acled:${state.acled_type}` : state.type || "";
    })
    .catch(() => {});
  getJSON("/v1/places", "limit=200")
    .then((body) => {
      const seen = new Map();
      for (const item of body.items || []) {
        const code = item.country || item.code || item.iso3;
        if (code && !seen.has(code)) seen.set(code, item.country_name || item.name || "");
      }
      countries.replaceChildren(...[...seen.keys()].sort().map((code) => h("option", { value: code })));
      const provinces = new Set((body.items || []).map((item) => item.admin1).filter(Boolean));
      admin1s.replaceChildren(...[...provinces].sort().map((name) => h("option", { value: name })));
    })
    .catch(() => {});

  const fetchTable = channel();
  const fetchMap = channel();
  const fetchSeries = channel();
  let keys = { list: null, map: null, series: null };
  let cursor = null;
  let total = null;
  let mapped = null;
  let linkQuery = "";

  // A failed request leaves no stale results behind: the table, the map and the count are
  // emptied, and the reason is said in words.
  function showError(error) {
    if (isAbort(error)) return;
    status.textContent = "";
    total = null;
    cursor = null;
    table.setRows([], { linkQuery });
    table.setMore(false);
    mapped = map.setEvents([], { fit: false, linkQuery });
    timeline.update([], state.interval || DEFAULT_INTERVAL);
    keys = { list: null, map: null, series: null }; // the same filters, once fixed, load again
    alert.hidden = false;
    alert.textContent = `Could not load events: ${error.message}`;
  }

  function announce() {
    if (total === null) return;
    const shown = table.rowCount();
    status.textContent =
      `${fmtNumber(total)} ${total === 1 ? "event matches" : "events match"}` +
      (total ? `; showing ${fmtNumber(shown)} in the table` : "") +
      (mapped !== null && total ? ` and ${fmtNumber(mapped)} on the map.` : ".");
    document.title = `Eventwire: ${fmtNumber(total)} events`;
  }

  function listQuery(extra) {
    return query(state, FILTER_KEYS, { sort: state.sort || DEFAULT_SORT, ...extra });
  }

  async function loadMore() {
    if (!cursor) return;
    table.setMore(true, true);
    try {
      const body = await fetchTable("/v1/events", listQuery({ limit: PAGE, cursor }));
      table.setRows(body.items, { append: true, linkQuery });
      cursor = body.next_cursor;
      total = body.count ?? total;
      table.setMore(Boolean(cursor));
      announce();
    } catch (error) {
      table.setMore(Boolean(cursor));
      showError(error);
    }
  }

  function fill() {
    for (const key of ["since", "until", "country", "admin1", "actor", "min_sources", "q"]) inputs[key].value = state[key] || "";
    inputs.type.value = state.acled_type ? `acled:${state.acled_type}` : state.type || "";
    inputs.bbox.checked = Boolean(state.bbox);
    interval.value = state.interval || DEFAULT_INTERVAL;
    table.setSort(state.sort || DEFAULT_SORT);
    const set = FILTER_KEYS.filter((key) => state[key]).length;
    toggle.textContent = set ? `Filters (${set} set)` : "Filters";
    const filters = query(state, FILTER_KEYS);
    exports.replaceChildren(
      ...EXPORTS.flatMap(([path, label], i) => [i ? " · " : "", h("a", { href: filters ? `${path}?${filters}` : path, download: "" }, label)]),
    );
  }

  function update(next) {
    state = next;
    linkQuery = query(state);
    fill();
    timeline.select(state.since || null, state.until || null);
    alert.hidden = true;

    const listKey = listQuery({});
    if (keys.list !== listKey) {
      keys.list = listKey;
      tableSection.setAttribute("aria-busy", "true");
      fetchTable("/v1/events", listQuery({ limit: PAGE }))
        .then((body) => {
          table.setRows(body.items, { linkQuery });
          cursor = body.next_cursor;
          total = body.count ?? body.items.length;
          table.setMore(Boolean(cursor));
          tableSection.removeAttribute("aria-busy");
          announce();
        })
        .catch(showError);
      const fit = !state.bbox;
      fetchMap("/v1/events", listQuery({ limit: MAP_LIMIT }))
        .then((body) => {
          mapped = map.setEvents(body.items, { fit, linkQuery });
          announce();
        })
        .catch(showError);
    }
    const seriesState = { ...state, since: "", until: "" };
    const seriesKey = query(seriesState, FILTER_KEYS, { interval: state.interval || DEFAULT_INTERVAL });
    if (keys.series !== seriesKey) {
      keys.series = seriesKey;
      fetchSeries("/v1/timeseries", seriesKey)
        .then((body) => {
          timeline.update(body.items || [], body.interval || state.interval || DEFAULT_INTERVAL);
          timeline.select(state.since || null, state.until || null);
        })
        .catch(showError);
    }
  }

  return {
    element,
    update,
    show() {
      element.hidden = false;
      map.invalidate();
    },
    hide() {
      element.hidden = true;
    },
    focusEvent: (id) => table.focusRow(id),
  };
}
