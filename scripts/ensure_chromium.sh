#!/usr/bin/env bash
# Debian's Chromium for the browser tests (Playwright drives it through executable_path; a
# Playwright browser download is not used). Installs it when missing and installing is possible;
# otherwise says so, and the browser tests skip.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian's chromium for the browser tests" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
    echo "note: /usr/bin/chromium is missing and cannot be installed here; browser tests will skip" >&2
fi
