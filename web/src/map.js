// The event map: Leaflet over bundled Natural Earth country outlines (no tile server unless
// the user configures one), markers clustered with leaflet.markercluster and coloured by type.
import L from "leaflet";
import "leaflet.markercluster"; // needs window.L, which importing leaflet sets
import { feature } from "topojson-client";
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
    '<a href="https://leafletjs.com/">Leaflet</a> | Outlines: <a href="https://www.naturalearthdata.com/">Natural Earth</a>',
  );
  map.createPane("outlines").style.zIndex = 250;

  const tiles = tileSetting();
  if (tiles.url) {
    L.tileLayer(tiles.url, { attribution: tiles.attribution || "Map tiles: configured tile server", maxZoom: 19 }).addTo(map);
    element.classList.add("has-tiles");
  }
  fetch("/static/countries-110m.json")
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(r.statusText))))
    .then((topo) => {
      L.geoJSON(feature(topo, topo.objects.countries), {
        pane: "outlines",
        interactive: false,
        style: { color: "#6b7785", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: tiles.url ? 0 : 1 },
      }).addTo(map);
    })
    .catch(() => element.setAttribute("data-outlines", "unavailable"));

  const cluster = L.markerClusterGroup({
    chunkedLoading: true,
    maxClusterRadius: 40,
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: true,
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
