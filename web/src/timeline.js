// Timeline of events (bars stacked by type) and fatalities (line) per day or week, from
// /v1/timeseries. Brushing a range sets since/until; the date fields do the same from the
// keyboard.
import { axisBottom, axisLeft, axisRight } from "d3-axis";
import { brushX } from "d3-brush";
import { scaleLinear, scaleUtc } from "d3-scale";
import { select } from "d3-selection";
import { fmtNumber } from "./dom.js";
import { PLOVER_TYPES, typeColor, typeLabel } from "./types.js";

const DAY = 86400000;
const parse = (iso) => new Date(`${iso}T00:00:00Z`);
const iso = (date) => date.toISOString().slice(0, 10);

// A period at either end set apart from the rest by a gap longer than the rest spans, and
// holding few of the events (a background sentence dated years earlier), would squeeze the
// others into a sliver: it is left out of the chart and counted instead.
function trimOutliers(rows, total) {
  let first = 0;
  let last = rows.length - 1;
  const time = (i) => parse(rows[i].period).getTime();
  const few = (r) => r.events <= Math.max(3, 0.05 * total);
  while (last - first >= 2) {
    if (few(rows[first]) && time(first + 1) - time(first) > time(last) - time(first + 1)) first += 1;
    else if (few(rows[last]) && time(last) - time(last - 1) > time(last - 1) - time(first)) last -= 1;
    else break;
  }
  const shown = rows.slice(first, last + 1);
  const hidden = rows.reduce((n, r, i) => (i < first || i > last ? n + r.events : n), 0);
  return { rows: shown, hidden };
}

export function createTimeline(container, { onBrush } = {}) {
  let data = { items: [], interval: "week" };
  let selection = { since: null, until: null };
  let x = null;
  let brush = null;
  let brushGroup = null;

  function render() {
    const width = Math.max(280, container.clientWidth || 600);
    const height = 190;
    const margin = { top: 10, right: 44, bottom: 26, left: 40 };
    const inner = { w: width - margin.left - margin.right, h: height - margin.top - margin.bottom };
    // the start of the period after the one that starts on ``date``
    const next = (date) =>
      data.interval === "month"
        ? new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1))
        : new Date(date.getTime() + (data.interval === "day" ? DAY : 7 * DAY));

    const periods = new Map();
    let totalEvents = 0;
    let totalFatalities = 0;
    for (const item of data.items) {
      if (!item.period) continue;
      const entry = periods.get(item.period) || { period: item.period, byType: new Map(), events: 0, fatalities: 0 };
      entry.byType.set(item.type, (entry.byType.get(item.type) || 0) + item.events);
      entry.events += item.events;
      entry.fatalities += item.fatalities || 0;
      periods.set(item.period, entry);
      totalEvents += item.events;
      totalFatalities += item.fatalities || 0;
    }
    const dated = [...periods.values()].sort((a, b) => (a.period < b.period ? -1 : 1));
    const { rows, hidden } = trimOutliers(dated, totalEvents);

    const svg = select(container).selectAll("svg").data([null]).join("svg");
    svg.attr("width", width).attr("height", height).attr("viewBox", `0 0 ${width} ${height}`);
    svg.selectAll("*").remove();
    if (!rows.length) {
      svg.attr("role", "img").attr("aria-label", "Timeline: no dated events match the filters.");
      svg.append("text").attr("x", width / 2).attr("y", height / 2).attr("text-anchor", "middle").attr("class", "empty").text("No dated events");
      x = null;
      return;
    }
    const start = parse(rows[0].period);
    const end = next(parse(rows[rows.length - 1].period));
    x = scaleUtc().domain([start, end]).range([0, inner.w]);
    const yEvents = scaleLinear().domain([0, Math.max(1, ...rows.map((r) => r.events))]).nice().range([inner.h, 0]);
    const yDeaths = scaleLinear().domain([0, Math.max(1, ...rows.map((r) => r.fatalities))]).nice().range([inner.h, 0]);

    svg
      .attr("role", "img")
      .attr(
        "aria-label",
        `Timeline per ${data.interval}: ${fmtNumber(totalEvents)} events and ${fmtNumber(totalFatalities)} reported fatalities ` +
          `from ${rows[0].period} to ${rows[rows.length - 1].period}` +
          (hidden ? ` (${fmtNumber(hidden)} more outside these dates)` : "") +
          ". Drag across it to filter by date, or use the date fields.",
      );
    if (hidden) {
      svg
        .append("text")
        .attr("class", "outside")
        .attr("x", margin.left + 4)
        .attr("y", margin.top + 10)
        .text(`${fmtNumber(hidden)} ${hidden === 1 ? "event" : "events"} far outside these dates not shown (see the table)`);
    }
    const g = svg.append("g").attr("transform", `translate(${margin.left},${margin.top})`);
    g.append("g").attr("class", "axis").attr("transform", `translate(0,${inner.h})`).call(axisBottom(x).ticks(Math.max(2, Math.floor(inner.w / 90))));
    g.append("g").attr("class", "axis").call(axisLeft(yEvents).ticks(4).tickFormat((d) => (Number.isInteger(d) ? d : "")));
    g.append("g").attr("class", "axis axis-deaths").attr("transform", `translate(${inner.w},0)`).call(axisRight(yDeaths).ticks(4).tickFormat((d) => (Number.isInteger(d) ? d : "")));

    const barWidth = (r) => Math.max(1, x(next(parse(r.period))) - x(parse(r.period)) - 1);
    const segments = [];
    for (const r of rows) {
      let base = 0;
      const types = [...r.byType.keys()].sort((a, b) => PLOVER_TYPES.indexOf(b) - PLOVER_TYPES.indexOf(a));
      for (const type of types) {
        const n = r.byType.get(type);
        segments.push({ r, type, y0: base, y1: base + n });
        base += n;
      }
    }
    g.append("g")
      .attr("class", "bars")
      .selectAll("rect")
      .data(segments)
      .join("rect")
      .attr("x", (s) => x(parse(s.r.period)))
      .attr("width", (s) => barWidth(s.r))
      .attr("y", (s) => yEvents(s.y1))
      .attr("height", (s) => Math.max(0, yEvents(s.y0) - yEvents(s.y1)))
      .attr("fill", (s) => typeColor(s.type))
      .append("title")
      .text((s) => `${s.r.period}: ${s.y1 - s.y0} ${typeLabel(s.type)} (${s.r.events} events, ${s.r.fatalities} fatalities)`);

    const deathLine = rows.map((r, i) => `${i ? "L" : "M"}${(x(parse(r.period)) + barWidth(r) / 2).toFixed(1)},${yDeaths(r.fatalities).toFixed(1)}`).join("");
    g.append("path").attr("class", "deaths-line").attr("d", deathLine);
    g.append("g")
      .attr("class", "deaths-points")
      .selectAll("circle")
      .data(rows.filter((r) => r.fatalities > 0))
      .join("circle")
      .attr("cx", (r) => x(parse(r.period)) + barWidth(r) / 2)
      .attr("cy", (r) => yDeaths(r.fatalities))
      .attr("r", 2.5);

    brush = brushX()
      .extent([
        [0, 0],
        [inner.w, inner.h],
      ])
      .on("end", (event) => {
        if (!event.sourceEvent) return; // moved by code, not by the user
        // Report after d3-brush has finished its own gesture handling.
        if (!event.selection) {
          setTimeout(() => onBrush?.(null, null));
          return;
        }
        const [x0, x1] = event.selection.map((px) => x.invert(px).getTime());
        const since = new Date(Math.floor(x0 / DAY) * DAY);
        let until = new Date(Math.ceil(x1 / DAY) * DAY - DAY);
        if (until < since) until = since;
        setTimeout(() => onBrush?.(iso(since), iso(until)));
      });
    brushGroup = g.append("g").attr("class", "brush").call(brush);
    brushGroup.selectAll(".overlay").attr("aria-hidden", "true"); // selectAll: keeps the brush's own datum
    moveBrush();
  }

  function moveBrush() {
    if (!x || !brushGroup) return;
    const [d0, d1] = x.domain();
    if (!selection.since && !selection.until) {
      brushGroup.call(brush.move, null);
      return;
    }
    const from = selection.since ? parse(selection.since) : d0;
    const to = selection.until ? new Date(parse(selection.until).getTime() + DAY) : d1;
    const px = [Math.max(0, x(from)), Math.min(x.range()[1], x(to))];
    brushGroup.call(brush.move, px[1] > px[0] ? px : null);
  }

  let lastWidth = 0;
  new ResizeObserver(() => {
    if (container.clientWidth !== lastWidth) {
      lastWidth = container.clientWidth;
      render();
    }
  }).observe(container);

  return {
    update(items, interval) {
      data = { items, interval };
      render();
    },
    select(since, until) {
      selection = { since, until };
      moveBrush();
    },
  };
}
