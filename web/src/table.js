// The events table: sortable by date and fatalities, paged with the API's cursor ("Load
// more"). Each row's date is a link to the event page; arrow keys move between rows.
import { fmtNumber, h } from "./dom.js";
import { typeColor, typeLabel } from "./types.js";
import { eventDate, eventPath, parties, place, sources } from "./format.js";

const SORTABLE = { date: "Date", fatalities: "Fatalities" };

export function createTable(container, { onSort, onLoadMore } = {}) {
  const headers = {};
  const sortHeader = (key) => {
    const button = h("button", { type: "button", class: "sort", onclick: () => onSort?.(key) }, SORTABLE[key], h("span", { class: "sort-icon", "aria-hidden": "true" }));
    headers[key] = h("th", { scope: "col" }, button);
    return headers[key];
  };
  const tbody = h("tbody", {});
  const table = h(
    "table",
    { class: "events", id: "events-table" },
    h("caption", { class: "visually-hidden" }, "Events matching the filters. Select a date to open the event; column buttons sort."),
    h(
      "thead",
      {},
      h("tr", {}, sortHeader("date"), h("th", { scope: "col" }, "Type"), h("th", { scope: "col" }, "Actor → recipient"), h("th", { scope: "col" }, "Place"), sortHeader("fatalities"), h("th", { scope: "col" }, "Injured"), h("th", { scope: "col" }, h("abbr", { title: "Independent sources" }, "Sources"))),
    ),
    tbody,
  );
  const more = h("button", { type: "button", class: "load-more", onclick: () => onLoadMore?.() }, "Load more events");
  const empty = h("p", { class: "empty", hidden: true }, "No events match these filters.");
  container.append(h("div", { class: "table-scroll" }, table), empty, more);

  tbody.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const row = event.target.closest("tr");
    const next = event.key === "ArrowDown" ? row?.nextElementSibling : row?.previousElementSibling;
    const link = next?.querySelector("a");
    if (link) {
      event.preventDefault();
      link.focus();
    }
  });

  function row(event, linkQuery) {
    const killed = event.fatalities?.count;
    const injured = event.injuries?.count;
    return h(
      "tr",
      { dataset: { id: event.id } },
      h("td", { class: "nowrap", dataset: { label: "Date" } }, h("a", { href: eventPath(event.id) + (linkQuery ? `?${linkQuery}` : ""), class: "event-link" }, eventDate(event))),
      h("td", { class: "nowrap", dataset: { label: "Type" } }, h("span", { class: "swatch", style: `background:${typeColor(event.type)}`, "aria-hidden": "true" }), typeLabel(event.type)),
      h("td", { dataset: { label: "Who" } }, parties(event)),
      h("td", { dataset: { label: "Place" } }, place(event)),
      h("td", { class: "num", dataset: { label: "Killed" } }, killed ?? (event.fatalities?.text ? `“${event.fatalities.text}”` : "")),
      h("td", { class: "num", dataset: { label: "Injured" } }, injured ?? (event.injuries?.text ? `“${event.injuries.text}”` : "")),
      h("td", { class: "num", dataset: { label: "Sources" } }, fmtNumber(sources(event))),
    );
  }

  return {
    setRows(items, { append = false, linkQuery = "" } = {}) {
      const rows = items.map((e) => row(e, linkQuery));
      if (append) tbody.append(...rows);
      else tbody.replaceChildren(...rows);
      empty.hidden = tbody.children.length > 0;
      return rows;
    },
    setSort(sort) {
      const key = sort.replace(/^-/, "");
      for (const [name, th] of Object.entries(headers)) {
        if (name === key) th.setAttribute("aria-sort", sort.startsWith("-") ? "descending" : "ascending");
        else th.removeAttribute("aria-sort");
      }
    },
    setMore(hasMore, busy = false) {
      more.hidden = !hasMore;
      more.disabled = busy;
      more.textContent = busy ? "Loading…" : "Load more events";
    },
    focusRow(id) {
      const link = tbody.querySelector(`tr[data-id="${CSS.escape(id)}"] a`);
      if (link) link.focus();
      return Boolean(link);
    },
    rowCount: () => tbody.children.length,
  };
}
