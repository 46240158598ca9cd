"""Print the towns the web map labels, as JSON, from the bundled GeoNames gazetteer.

A town is kept when it has at least MIN_POPULATION people, or is one of the TOP_PER_DIVISION
largest of its first-level division (so that sparsely urban provinces get a label too).
Output: [[name, ISO-3 country, lon, lat, population], ...], largest first. Run by
scripts/build_map_data.mjs.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

GAZETTEER = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "data" / "gazetteer.sqlite"
MIN_POPULATION = 100_000
TOP_PER_DIVISION = 2
MIN_DIVISION_TOWN = 10_000

QUERY = """
SELECT name, country, round(lon, 3), round(lat, 3), population FROM (
  SELECT *, row_number() OVER (PARTITION BY country, admin1 ORDER BY population DESC, id) AS rank
  FROM places WHERE kind = 'city' AND lat IS NOT NULL AND population >= ?
) WHERE population >= ? OR rank <= ?
ORDER BY population DESC, name, id
"""


def towns(path: Path) -> list[list]:
    uri = f"{path.resolve().as_uri()}?mode=ro"
    with sqlite3.connect(uri, uri=True) as db:
        rows = db.execute(QUERY, (MIN_DIVISION_TOWN, MIN_POPULATION, TOP_PER_DIVISION))
        return [list(row) for row in rows]


if __name__ == "__main__":
    json.dump(towns(Path(sys.argv[1]) if len(sys.argv) > 1 else GAZETTEER), sys.stdout)
