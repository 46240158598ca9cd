#!/usr/bin/env bash
# Java and PySpark for `eventwire spark-extract` and its tests: Debian's Java 17 runtime when no
# `java` is found, and PySpark with py4j, at the versions and hashes requirements-spark.lock
# pins, into the project's virtual environment (only those two: the rest of the environment
# stays as requirements-dev.lock made it). Installs what is missing when installing is
# possible; otherwise says so, and the Spark tests skip.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${VENV:-.venv}/bin/python"
if ! command -v java >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        echo "installing Debian's Java runtime for the Spark tests" >&2
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            openjdk-17-jre-headless >/dev/null
    else
        echo "note: java is missing and cannot be installed here; Spark tests will skip" >&2
        exit 0
    fi
fi
if [ ! -x "$PY" ]; then
    echo "note: no virtual environment at ${VENV:-.venv}; Spark tests will skip" >&2
    exit 0
fi
if "$PY" -c "import pyspark" 2>/dev/null; then
    exit 0
fi
echo "installing PySpark (requirements-spark.lock) for the Spark tests" >&2
pins="$(mktemp)"
trap 'rm -f "$pins"' EXIT
# each pin is its "name==version \" line and the hash lines after it
awk '/^[a-z0-9]/ { keep = /^(pyspark|py4j)==/ } keep && !/^ *#/' requirements-spark.lock >"$pins"
if ! "$PY" -m pip install --quiet --require-hashes --no-deps -r "$pins"; then
    echo "note: PySpark could not be installed; Spark tests will skip" >&2
fi
