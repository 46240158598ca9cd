// First-level divisions (provinces, states) and place labels over the country outlines. The
// map index (country labels, one file per continent) loads with the map; a continent's
// divisions and towns load once the map is zoomed in past country level over it, and then
// replace the coarser country outlines. Data: scripts/build_map_data.mjs.
import L from "leaflet";
import { feature, mesh } from "topojson-client";
import { label, labelLayer } from "./labels.js";

const DETAIL_ZOOM = 4;
const COUNTRY_LABELS_UNTIL = 7;
const LAND = "#f4f1ea";
const DIVISION_LINE = { color: "#a0522d", weight: 1.4, opacity: 1, dashArray: "6 3" };
const BORDER_LINE = { color: "#6b7785", weight: 1.2, opacity: 1 };

const fetchJson = (url) => fetch(url).then((r) => (r.ok ? r.json() : Promise.reject(new Error(r.statusText))));
const byZoom = (a, b) => a.minZoom - b.minZoom;
// Towns of a million are named from zoom 5, of 100,000 from 6, of 10,000 from 7; cities of a
// million or more go before the country names.
const townZoom = (population) => Math.max(DETAIL_ZOOM, 11 - Math.log10(population));
const CITY_ZOOM = 5;

// outlines: the country outline layer, hidden while divisions cover the view.
export function addBoundaries(map, outlines) {
  const element = map.getContainer();
  const labels = labelLayer(map);
  const renderers = ["detailFill", "detailLines"].map((name, i) => {
    map.createPane(name).style.zIndex = 255 + 5 * i; // over the outlines (250)
    return L.canvas({ pane: name });
  });
  const loading = new Map(); // file -> Promise of { layer, admin1, towns }
  const ready = new Set();
  let index = null;
  let generation = 0;

  function load(file) {
    if (!loading.has(file)) {
      const promise = fetchJson(`/static/${file}`)
        .then((topo) => {
          const region = regionLayers(topo, renderers);
          ready.add(region);
          return region;
        })
        .catch((error) => {
          loading.delete(file); // try again on the next move
          throw error;
        });
      loading.set(file, promise);
    }
    return loading.get(file);
  }

  async function update() {
    if (!index) return;
    const current = ++generation;
    const view = map.getBounds();
    const wanted = map.getZoom() < DETAIL_ZOOM ? [] : index.regions.filter((r) => view.intersects([[r.bbox[1], r.bbox[0]], [r.bbox[3], r.bbox[2]]]));
    let shown;
    try {
      shown = await Promise.all(wanted.map((r) => load(r.file)));
    } catch {
      element.dataset.boundaries = "unavailable";
      shown = [];
    }
    if (current !== generation) return; // a later move has taken over
    for (const region of ready) {
      if (shown.includes(region)) region.layer.addTo(map);
      else region.layer.remove();
    }
    if (shown.length) outlines.remove();
    else outlines.addTo(map);
    element.dataset.divisions = String(shown.length);
    // cities, then countries, then divisions and towns by size (the zoom at which each is named)
    const places = shown.flatMap((r) => [...r.admin1, ...r.towns]).sort(byZoom);
    const city = (c) => c.kind === "town" && c.minZoom <= CITY_ZOOM;
    labels.set([...places.filter(city), ...index.countries, ...places.filter((c) => !city(c))]);
  }

  fetchJson("/static/map-index.json")
    .then(({ countries, regions }) => {
      const countryLabels = countries.map(([name, lon, lat, z]) => label("country", name, [lat, lon], z, COUNTRY_LABELS_UNTIL));
      index = { countries: countryLabels, regions };
      update();
    })
    .catch(() => (element.dataset.boundaries = "unavailable"));
  map.on("moveend resize", update);
}

// A continent's division fills, division lines (between divisions of one country) and
// borders and coasts, with its division and town labels.
function regionLayers(topo, [fillRenderer, lineRenderer]) {
  const divisions = topo.objects.admin1;
  const sameCountry = (a, b) => a.properties.c === b.properties.c;
  const lines = (filter, style) => L.geoJSON(mesh(topo, divisions, filter), { renderer: lineRenderer, interactive: false, style });
  const land = { stroke: false, fillColor: LAND, fillOpacity: 1 };
  const layers = [
    L.geoJSON(feature(topo, divisions), { renderer: fillRenderer, interactive: false, style: land }),
    lines((a, b) => a !== b && sameCountry(a, b), DIVISION_LINE),
    lines((a, b) => a === b || !sameCountry(a, b), BORDER_LINE),
  ];
  const admin1 = divisions.geometries.map(({ properties: p }) => label("admin1", p.n, [p.l[1], p.l[0]], p.z, Infinity, { country: p.c }));
  const towns = feature(topo, topo.objects.towns).features.map(({ geometry, properties: p }) =>
    label("town", p.n, [geometry.coordinates[1], geometry.coordinates[0]], townZoom(p.p)),
  );
  return { layer: L.layerGroup(layers), admin1, towns };
}
