// Place labels on the map: each candidate has a minimum (and maybe maximum) zoom and comes in
// priority order; a label is drawn only where it does not overlap one placed before it, so
// that at any zoom the larger places are named and the rest wait until there is room.
import L from "leaflet";
import { h } from "./dom.js";

const GAP = 4; // pixels kept clear around each label

// kind: "country" | "admin1" | "town"; at: [lat, lon]; zoom: [min, max).
export const label = (kind, text, at, minZoom, maxZoom = Infinity, data = {}) => ({ kind, text, at, minZoom, maxZoom, data });

export function labelLayer(map) {
  const pane = map.createPane("labels");
  pane.style.zIndex = 450; // above the boundaries, below the markers (600)
  pane.classList.add("ew-labels", "leaflet-zoom-hide");
  let candidates = [];

  function render() {
    const zoom = map.getZoom();
    const view = map.getBounds();
    const shown = candidates.filter((c) => zoom >= c.minZoom && zoom < c.maxZoom && view.contains(c.at));
    pane.replaceChildren(...shown.map(element));
    for (const c of shown) c.size ??= [c.el.offsetWidth, c.el.offsetHeight]; // one layout for all
    const placed = [];
    const size = map.getSize();
    for (const c of shown) {
      const box = spots(map, c).find((b) => inside(b, size) && !placed.some((p) => overlaps(p, b)));
      if (!box) c.el.remove();
      else {
        placed.push(box);
        L.DomUtil.setPosition(c.el, map.containerPointToLayerPoint(L.point(box[0] + GAP, box[1] + GAP)));
      }
    }
  }

  return {
    // Offer these candidates, most important first, and place them for the current view.
    set(next) {
      candidates = next;
      render();
    },
  };
}

function element(c) {
  c.el ??= h("span", { class: `ew-label ew-label-${c.kind}`, dataset: c.data }, c.text);
  return c.el;
}

// The boxes the label may take, in container pixels with GAP around, best first: an area's
// name centred on its point, or just above or below; a town's name right of its dot (the
// label starts with the dot).
function spots(map, c) {
  const p = map.latLngToContainerPoint(c.at);
  const [w, hgt] = c.size;
  const box = (left, top) => [left - GAP, top - GAP, left + w + GAP, top + hgt + GAP];
  if (c.kind === "town") return [box(p.x - 3, p.y - hgt / 2)];
  return [0, -1, 1].map((dy) => box(p.x - w / 2, p.y - hgt / 2 + dy * (hgt + 2 * GAP)));
}

const overlaps = (a, b) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
const inside = (b, size) => b[0] >= 0 && b[1] >= 0 && b[2] <= size.x && b[3] <= size.y;
