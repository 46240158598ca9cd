#!/usr/bin/env bash
# Build the web front-end (web/) into src/eventwire/web/static/, the assets the Python
# package ships. Needs Node 20+ and npm; installs exactly what web/package-lock.json pins.
set -euo pipefail
cd "$(dirname "$0")/../web"
npm ci --no-audit --no-fund
npm run build
