// The event map: Leaflet over bundled Natural Earth country outlines, with provinces and place
// labels once zoomed in (boundaries.js; no tile server unless the user configures one), markers
// clustered with leaflet.markercluster, markers and clusters coloured by type.
import L from "leaflet";
import "leaflet.markercluster"; // needs window.L, which importing leaflet sets
import { feature } from "topojson-client";
import { addBoundaries } from "./boundaries.js";
import { h } from "./dom.js";
import { typeColor, typeLabel } from "./types.js";
import { casualties, eventDate, eventPath, parties, place } from "./format.js";

const TILES_KEY = "eventwire.tiles";
const ATTRIBUTION_KEY = "eventwire.tiles.attribution";

export function tileSetting() {
  const fromUrl = new URLSearchParams(window.location.search).get("tiles");
  if (fromUrl !== null) {
    if (fromUrl) window.localStorage.setItem(TILES_KEY, fromUrl);
    else window.localStorage.removeItem(TILES_KEY);
  }
  return {
    url: window.localStorage.getItem(TILES_KEY) || "",
    attribution: window.localStorage.getItem(ATTRIBUTION_KEY) || "",
  };
}

export function saveTileSetting(url, attribution) {
  if (url) window.localStorage.setItem(TILES_KEY, url);
  else window.localStorage.removeItem(TILES_KEY);
  if (attribution) window.localStorage.setItem(ATTRIBUTION_KEY, attribution);
  else window.localStorage.removeItem(ATTRIBUTION_KEY);
}

function popup(event, linkQuery) {
  const rows = [
    ["Date", eventDate(event)],
    ["Place", place(event)],
    ["Parties", parties(event)],
    ["Casualties", casualties(event) || "none reported"],
  ];
  return h(
    "div",
    { class: "popup" },
    h("p", { class: "popup-type" }, h("span", { class: "swatch", style: `background:${typeColor(event.type)}`, "aria-hidden": "true" }), typeLabel(event.type)),
    h("dl", {}, rows.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])),
    h("a", { href: eventPath(event.id) + (linkQuery ? `?${linkQuery}` : "") }, "Open event page"),
  );
}

// Rings that cross the antimeridian (Fiji, Chukotka) made continuous past 180°, so that Leaflet
// does not draw them as lines across the whole map; a ring round a pole is left as it is.
function unwrapRing(ring) {
  let shift = 0;
  const out = ring.map(([lon, lat], i) => {
    const step = i ? lon - ring[i - 1][0] : 0;
    if (Math.abs(step) > 180) shift -= Math.sign(step) * 360;
    return [lon + shift, lat];
  });
  return Math.abs(out[out.length - 1][0] - out[0][0]) > 180 ? ring : out;
}

function unwrapFeature(f) {
  const { type, coordinates } = f.geometry;
  const unwrap = (polygon) => polygon.map(unwrapRing);
  return { ...f, geometry: { type, coordinates: type === "Polygon" ? unwrap(coordinates) : coordinates.map(unwrap) } };
}

// A cluster's icon: a ring split by the types of its events, in the markers' colours.
function clusterIcon(cluster) {
  const counts = new Map();
  for (const marker of cluster.getAllChildMarkers()) counts.set(marker.options.type, (counts.get(marker.options.type) || 0) + 1);
  const total = cluster.getChildCount();
  const sorted = [...counts].sort((a, b) => b[1] - a[1]);
  let start = 0;
  const stops = sorted.map(([type, n]) => {
    const end = start + (100 * n) / total;
    const stop = `${typeColor(type)} ${start}% ${end}%`;
    start = end;
    return stop;
  });
  const title = `${total} events: ${sorted.map(([type, n]) => `${n} ${typeLabel(type)}`).join(", ")}`;
  const size = total < 10 ? 34 : total < 100 ? 40 : 46;
  const ring = h("span", { class: "ew-cluster-ring", title, style: `background:conic-gradient(${stops.join(",")})` }, h("span", {}, String(total)));
  ring.dataset.types = sorted.map(([type, n]) => `${type}:${n}`).join(" ");
  return L.divIcon({ className: "ew-cluster", html: ring, iconSize: [size, size] });
}

function icon(type) {
  return L.divIcon({
    className: "ew-marker",
    html: `<span style="background:${typeColor(type)}"></span>`,
    iconSize: [16, 16],
    iconAnchor: [8, 8],
    popupAnchor: [0, -8],
  });
}

export function createMap(element, legendElement, { onMoveEnd } = {}) {
  const map = L.map(element, {
    center: [15, 20],
    zoom: 2,
    minZoom: 1,
    maxZoom: 14,
    zoomSnap: 0.5,
    worldCopyJump: true,
    keyboard: true,
  });
  map.attributionControl.setPrefix(
    '<a href="https://leafletjs.com/">Leaflet</a> | Boundaries: <a href="https://www.naturalearthdata.com/">Natural Earth</a>' +
      ' | Places: <a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0)',
  );
  map.createPane("outlines").style.zIndex = 250;

  const tiles = tileSetting();
  if (tiles.url) {
    L.tileLayer(tiles.url, { attribution: tiles.attribution || "Map tiles: configured tile server", maxZoom: 19 }).addTo(map);
    element.classList.add("has-tiles");
  }
  const outlines = L.geoJSON(null, {
    pane: "outlines",
    interactive: false,
    style: { color: "#6b7785", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: tiles.url ? 0 : 1 },
  }).addTo(map);
  fetch("/static/countries-110m.json")
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(r.statusText))))
    .then((topo) => outlines.addData(feature(topo, topo.objects.countries).features.map(unwrapFeature)))
    .catch(() => element.setAttribute("data-outlines", "unavailable"));
  if (!tiles.url) addBoundaries(map, outlines); // a tile server draws its own, with its labels

  const cluster = L.markerClusterGroup({
    chunkedLoading: true,
    maxClusterRadius: 40,
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: true,
    iconCreateFunction: clusterIcon,
  }).addTo(map);

  let programmatic = false;
  map.on("moveend", () => {
    if (programmatic) return;
    onMoveEnd?.(map.getBounds());
  });

  function setEvents(items, { fit = true, linkQuery = "" } = {}) {
    cluster.clearLayers();
    const markers = [];
    const counts = new Map();
    for (const event of items) {
      const loc = event.location;
      if (!loc || typeof loc.lat !== "number" || typeof loc.lon !== "number") continue;
      counts.set(event.type, (counts.get(event.type) || 0) + 1);
      const marker = L.marker([loc.lat, loc.lon], {
        type: event.type,
        icon: icon(event.type),
        title: `${typeLabel(event.type)}, ${eventDate(event)}, ${place(event)}`,
        alt: typeLabel(event.type),
        riseOnHover: true,
      });
      marker.bindPopup(() => popup(event, linkQuery));
      markers.push(marker);
    }
    cluster.addLayers(markers);
    renderLegend(legendElement, counts);
    element.dataset.markers = String(markers.length);
    if (fit && markers.length) {
      const bounds = L.latLngBounds(markers.map((m) => m.getLatLng()));
      programmatic = true;
      map.fitBounds(bounds.pad(0.2), { maxZoom: 6, animate: false });
      programmatic = false;
    }
    return markers.length;
  }

  return {
    map,
    setEvents,
    bounds: () => map.getBounds(),
    invalidate: () => map.invalidateSize(),
  };
}

export function bboxString(bounds) {
  // The API wants -180 <= minlon <= maxlon <= 180: bring the view (which may sit on a world
  // copy) back into range; a view across the antimeridian keeps its larger side.
  const r = (x) => Math.round(x * 1000) / 1000;
  const south = Math.max(-90, bounds.getSouth());
  const north = Math.min(90, bounds.getNorth());
  let west = bounds.getWest();
  let east = bounds.getEast();
  if (east - west >= 360) {
    west = -180;
    east = 180;
  } else {
    const shift = Math.floor((west + 180) / 360) * 360;
    west -= shift;
    east -= shift;
    if (east > 180) {
      if (180 - west >= east - 360 + 180) east = 180;
      else [west, east] = [-180, east - 360];
    }
  }
  return [west, south, east, north].map(r).join(",");
}

function renderLegend(element, counts) {
  element.replaceChildren(
    ...[...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([type, n]) =>
        h("li", {}, h("span", { class: "swatch", style: `background:${typeColor(type)}`, "aria-hidden": "true" }), `${typeLabel(type)} (${n})`),
      ),
  );
  if (!counts.size) element.append(h("li", { class: "muted" }, "No mapped events"));
}
