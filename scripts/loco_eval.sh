#!/usr/bin/env bash
# Leave-one-country-out through `eventwire eval`: for each ACLED country, train the classifier
# without it, then score the whole pipeline on that country's notes.
# Usage: scripts/loco_eval.sh [LIMIT]   (LIMIT: notes scored per country; default all)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared
if [ ! -d "$shared/train" ]; then
    echo "loco_eval: $shared/train is not there; nothing to score" >&2
    exit 0
fi
limit=${1:+--limit $1}
out=${LOCO_OUT:-$(mktemp -d)}
declare -A files=(
    [AFG]=$shared/eval/acled-dev/acled-afghanistan-2020-03.csv
    [KEN]=$shared/train/acled/acled-kenya-2019.csv
    [BFA]=$shared/train/acled/acled-burkina-faso-1997-2020.csv
    [BGD]=$shared/train/acled/acled-bangladesh-2022-2024.csv
)
for country in ${LOCO_COUNTRIES:-AFG KEN BFA BGD}; do
    .venv/bin/eventwire train --no-validate --hold-out "$country" --data "$shared" \
        --output "$out/model-$country" >&2
    .venv/bin/eventwire eval "${files[$country]}" --gold-format acled $limit \
        --classifier "$out/model-$country" --report "$out/report-$country.md"
done
echo "reports in $out" >&2
