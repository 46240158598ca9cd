#!/usr/bin/env bash
# Build the web front-end (web/) into src/eventwire/web/static/, the assets the Python
# package ships. Needs Node 20+, npm and python3; installs exactly what web/package-lock.json
# pins. The map's boundary and label files come last: the bundle step empties the folder.
set -euo pipefail
cd "$(dirname "$0")/../web"
npm ci --no-audit --no-fund
npm run build
node ../scripts/build_map_data.mjs
