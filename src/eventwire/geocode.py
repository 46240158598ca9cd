"""Offline geocoding against a GeoNames-derived gazetteer.

The gazetteer is the bundled one, or a full-size one built from a GeoNames dump
(``eventwire gazetteer build``) and named by ``EVENTWIRE_GAZETTEER``; both have second-level
divisions (kind ``admin2``). A place name is looked up by its folded key
(:func:`eventwire.names.name_key`); facility names ("Ain al-Asad air base") are also matched by
their distinctive words, so that transliteration variants of the same base find it. Candidates
are ranked by the article's focus countries, the kind of place the words ask for, and
population.
"""

from __future__ import annotations

import csv
import math
import os
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache, cached_property, lru_cache
from importlib import resources
from pathlib import Path

from eventwire import wordsets
from eventwire.actors import load_actors
from eventwire.errors import GazetteerError
from eventwire.names import (
    COMPASS,
    FACILITY_WORDS,
    core_tokens,
    fold,
    name_key,
    name_tokens,
    skeleton,
)
from eventwire.records import Location, Precision

# The bundled gazetteer has no population for first-level divisions; a province outweighs a
# village.
_ADMIN1_POPULATION = 1_000_000
_ADMIN1_WORDS = wordsets.words("admin1_words")
_ADMIN2_WORDS = wordsets.words("admin2_words")
_ADMIN_WORDS = wordsets.words("admin_words")
_LGA = ["local", "government", "area"]
# Kinds of administrative division, with the precision of a location that is one.
_DIVISIONS: dict[str, Precision] = {"admin1": "admin1", "admin2": "admin2"}
_SETTLEMENT_WORDS = wordsets.words("settlement_words")
_TOWN_WORDS = wordsets.words("town_words")
_SEAT_WORDS = wordsets.words("seat_words")
_TOWN_REACH_KM = 30.0  # how far from a town its parts ("PD4 of Lashkargah") may lie
# How far from a province's centre a district spelt like one the text names may lie when the
# gazetteer puts it in the province next door.
_NEIGHBOUR_KM = 150.0
_SEAT_REACH_KM = 50.0  # how far from a district's centre its namesake town may lie


@dataclass(frozen=True, slots=True)
class Place:
    id: int
    name: str
    kind: str
    feature: str | None
    country: str
    admin1: str | None
    admin2: str | None  # the district a place lies in
    lat: float | None
    lon: float | None
    population: int | None
    geonames_id: int | None


# Facilities by each distinctive word of their names: word -> [(all the name's words, place)]
FacilityIndex = dict[str, list[tuple[frozenset[str], Place]]]
GAZETTEER_ENV = "EVENTWIRE_GAZETTEER"


def bundled_gazetteer_path() -> Path:
    return Path(str(resources.files("eventwire") / "data" / "gazetteer.sqlite"))


def default_gazetteer_path() -> Path:
    """The file named by ``EVENTWIRE_GAZETTEER``, or else the bundled gazetteer."""
    configured = os.environ.get(GAZETTEER_ENV)
    return Path(configured) if configured else bundled_gazetteer_path()


class Gazetteer:
    """Read-only access to a gazetteer file; opening it costs milliseconds.

    Raises :class:`GazetteerError` when ``path`` is missing or holds no gazetteer."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path else default_gazetteer_path()
        if not self.path.is_file():
            raise GazetteerError(f"gazetteer not found: {self.path}")
        uri = f"{self.path.resolve().as_uri()}?mode=ro&immutable=1"
        self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        try:
            tables = {name for (name,) in self._db.execute("SELECT name FROM sqlite_master")}
            columns = {row[1] for row in self._db.execute("PRAGMA table_info(places)")}
        except sqlite3.DatabaseError as exc:
            raise GazetteerError(f"not a gazetteer: {self.path} ({exc})") from exc
        if not {"places", "names", "meta"} <= tables:
            raise GazetteerError(f"not a gazetteer: {self.path} (no places, names or meta)")
        # Extended builds (from a GeoNames dump, or the bundled one with its divisions): the
        # district of each place, and facility words to query.
        self._facility_words = "facility_words" in tables
        admin2 = "p.admin2" if "admin2" in columns else "NULL"
        self._select = (
            "SELECT p.id, p.name, p.kind, p.feature, p.country, p.admin1, "
            f"{admin2}, p.lat, p.lon, p.population, p.geonames_id FROM places p"
        )

    def _places(self, where: str, params: tuple[object, ...] = ()) -> list[Place]:
        return [Place(*row) for row in self._db.execute(f"{self._select} {where}", params)]

    def meta(self) -> dict[str, str]:
        """The build's description: build date, sources, counts, options."""
        return dict(self._db.execute("SELECT k, v FROM meta ORDER BY k"))

    def lookup(self, name: str) -> list[Place]:
        """Every place one of whose names has the same key as ``name``."""
        return self._places(
            "WHERE p.id IN (SELECT place_id FROM names WHERE key = ?)", (name_key(name),)
        )

    @cached_property
    def _facilities(self) -> FacilityIndex:
        return _word_index((p.name, p) for p in self._places("WHERE p.kind = 'facility'"))

    def facilities(self, text: str) -> list[Place]:
        """Facilities whose distinctive name words all appear in ``text``: the gazetteer's,
        then the curated list's (``data/facilities.csv``)."""
        words = core_tokens(text)
        if not words:
            return []
        return self._gazetteer_facilities(words) + _matching(curated_facilities(), words)

    def _gazetteer_facilities(self, words: frozenset[str]) -> list[Place]:
        if self._facility_words:
            marks = ", ".join("?" * len(words))
            return self._places(
                f"WHERE p.id IN (SELECT place_id FROM facility_words WHERE word IN ({marks})"
                " GROUP BY place_id HAVING count(*) = max(size)) ORDER BY p.id",
                tuple(words),
            )
        return _matching(self._facilities, words)

    @cached_property
    def _admin1_skeletons(self) -> dict[tuple[str, str], list[Place]]:
        index: dict[tuple[str, str], list[Place]] = {}
        for place in self._places("WHERE p.kind = 'admin1'"):
            index.setdefault((place.country, skeleton(place.name)), []).append(place)
        return index

    def admin1_like(self, name: str, country: str | None) -> list[Place]:
        """First-level divisions of ``country`` spelt like ``name`` ("Urozgan" -> Oruzgan).

        With no country known, only a division whose spelling no other one shares anywhere."""
        key = skeleton(name)
        if country is not None:  # few divisions to tell apart: two consonants will do
            return self._admin1_skeletons.get((country, key), []) if len(key) >= 2 else []
        if len(key) < 3:
            return []
        found = [p for (_, k), places in self._admin1_skeletons.items() if k == key for p in places]
        return found if len(found) == 1 else []

    def admin2_like(self, name: str, country: str, in_province: bool = False) -> list[Place]:
        """Second-level divisions of ``country`` spelt like ``name`` ("Garmsir" -> Garmser).

        Short spellings only ``in_province`` (the caller keeps those inside it); elsewhere only
        a spelling no other division of the country shares."""
        key = skeleton(name)
        found = self._admin2_skeletons(country).get(key, [])
        if in_province:
            return found if len(key) >= 2 else []
        return found if len(key) >= 3 and len(found) == 1 else []

    @lru_cache(maxsize=8)  # noqa: B019 - one gazetteer per process; a country's divisions
    def _admin2_skeletons(self, country: str) -> dict[str, list[Place]]:
        index: dict[str, list[Place]] = {}
        for place in self._places("WHERE p.kind = 'admin2' AND p.country = ?", (country,)):
            index.setdefault(skeleton(place.name), []).append(place)
        return index

    def towns_in(self, district: Place) -> list[Place]:
        """The towns of a second-level division."""
        return self._places(
            "WHERE p.kind = 'city' AND p.country = ? AND p.admin2 = ?",
            (district.country, district.admin2),
        )

    @cached_property
    def _countries(self) -> dict[str, Place]:
        return {p.country: p for p in reversed(self._places("WHERE p.kind = 'country'"))}

    def country(self, iso3: str) -> Place | None:
        return self._countries.get(iso3)


@cache
def curated_facilities() -> FacilityIndex:
    """The curated facilities news names often (crossings, camps, dams, ports, bases, plants)
    from ``data/facilities.csv``, indexed by the distinctive words of each name and alias.
    Users extend the file without code; each row says where its coordinates come from."""
    named: list[tuple[str, Place]] = []
    source = resources.files("eventwire") / "data" / "facilities.csv"
    with source.open(encoding="utf-8") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=1):
            place = Place(
                id=-number,
                name=row["name"],
                kind="facility",
                feature=row["kind"],
                country=row["country"],
                admin1=row["admin1"] or None,
                admin2=None,
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                population=None,
                geonames_id=None,
            )
            named += [(n, place) for n in [row["name"], *filter(None, row["aliases"].split("|"))]]
    return _word_index(named)


def _word_index(named: Iterable[tuple[str, Place]]) -> FacilityIndex:
    """Facilities by each distinctive word of their names, with the name's whole set."""
    index: FacilityIndex = {}
    for name, place in named:
        core = core_tokens(name)
        for token in core:
            index.setdefault(token, []).append((core, place))
    return index


def _matching(index: FacilityIndex, words: frozenset[str]) -> list[Place]:
    """The facilities of ``index`` whose distinctive name words all are among ``words``."""
    found: dict[int, Place] = {}
    for token in sorted(words):
        for core, place in index.get(token, []):
            if core and core <= words:
                found[place.id] = place
    return sorted(found.values(), key=lambda p: p.id)


@cache
def default_gazetteer() -> Gazetteer:
    return Gazetteer()


FEATURES = (
    "facility", "city", "admin2", "admin1", "country",  # the candidate's kind
    "facility asked", "facility not asked", "air base or airport asked",
    "province asked", "district asked", "town asked", "story's country", "log population",
)  # fmt: skip
# How much each feature weighs in a candidate's score: the kinds' ranks, the words of the
# phrase that ask for a kind, the share of the story's focus on the candidate's country, and
# the population (a province counted as a million).
WEIGHTS = (3.0, 2.0, 2.25, 2.5, 2.8, 5.0, -5.0, 2.0, 3.0, 4.0, 4.0, 6.0, 1 / 3)
_KINDS = FEATURES[:5]


def candidate_features(
    place: Place, focus: Counter[str], words: frozenset[str], wants_admin: bool
) -> tuple[float, ...]:
    """What ranks a gazetteer candidate for a place phrase of ``words``, in ``FEATURES``'
    order."""
    facility_words = bool(words & FACILITY_WORDS)
    military = bool(words & {"base", "airbase", "military"})
    total = sum(focus.values())
    population = place.population or (_ADMIN1_POPULATION if place.kind == "admin1" else 0)
    return (
        *(float(place.kind == kind) for kind in _KINDS),
        float(facility_words and place.kind == "facility"),
        float(facility_words and place.kind != "facility"),
        # "air base" asks for an air base, "airport" for an airport
        float(facility_words and (
            (place.feature == "airbase" and military)
            or (place.feature == "airport" and "airport" in words and not military)
        )),
        float(wants_admin and place.kind == "admin1"),
        # "Nad Ali district": the district before a province or town of that name
        float(place.kind == "admin2" and bool(words & _ADMIN2_WORDS)),
        # "Farah city": the town before the province of its name
        float(place.kind == "city" and bool(words & _TOWN_WORDS)),
        focus.get(place.country, 0) / total if total else 0.0,
        math.log10(population + 1),
    )  # fmt: skip


def _score(place: Place, focus: Counter[str], words: frozenset[str], wants_admin: bool) -> float:
    features = candidate_features(place, focus, words, wants_admin)
    return sum(w * x for w, x in zip(WEIGHTS, features, strict=True))


def _is_seat(tokens: list[str]) -> bool:
    """ "Ghoryan district center", "Kot district headquarters": the town that seats a district."""
    return len(tokens) > 2 and tokens[-1] in _SEAT_WORDS and tokens[-2] in _ADMIN2_WORDS


def _tokens(text: str) -> list[str]:
    """The name's tokens, a "local government area" one division word ("lga")."""
    tokens = name_tokens(text)
    return [*tokens[:-3], "lga"] if tokens[-3:] == _LGA and len(tokens) > 3 else tokens


def is_facility_phrase(text: str) -> bool:
    return any(token in FACILITY_WORDS for token in name_tokens(text))


def geocode(
    text: str,
    focus: Counter[str] | None = None,
    near: bool = False,
    gazetteer: Gazetteer | None = None,
    within: tuple[str, ...] = (),
) -> Location | None:
    """Resolve a place phrase to a :class:`Location`, or None when no place matches.

    ``focus`` counts the countries the article is about; ``near`` marks phrases such as
    "west of Baghdad", which keep the named place with precision ``near``. ``within`` names the
    wider places the text puts it in, nearest first ("Charbolak district, Balkh"): candidates
    inside them win, and when the name itself is unknown the nearest known container stands
    for it with that container's precision.
    """
    gazetteer = gazetteer or default_gazetteer()
    focus = focus or Counter()
    if fold(text.removeprefix("the ").removeprefix("The ")) in WORLD_REGIONS:
        return None  # "Central Africa", "the Middle East": no town of that old name
    capital = _capital_named(text, gazetteer)
    if capital is not None:
        return _location(text, capital, "exact")
    named: list[tuple[str, Place]] = []
    chain = chain_country(text, within, gazetteer) if within else None
    if chain is not None:
        focus = focus + Counter({chain: sum(focus.values()) + 1})
    for n in range(len(within) - 1, -1, -1):  # the widest first: each inside the one after it
        name, inner = within[n], [text, *within[:n]]
        area = _area(name, focus, gazetteer, named[0][1] if named else None, inner)
        if area is not None and chain in (None, area.country):
            named.insert(0, (name, area))
    areas = [a for _, a in named]
    best = None if named else _named_country(text, gazetteer)
    best = best or _best(text, focus, gazetteer, areas)
    if best is not None and chain is not None and best.country != chain:
        best = None  # "Kain (Kain, Yatenga)": not Belgium's Kain when its containers agree
    if best is None and not named:
        words = text.split()
        if len(words) > 1 and words[0].lower() in COMPASS:
            # "Western Cambodia", "northern Iraq": a part of the place named after the word
            part = geocode(" ".join(words[1:]), focus, True, gazetteer)
            return replace(part, text=text) if part is not None else None
    if best is None:
        if not named:
            return None
        name, area = named[0]
        return _location(name, area, _container_precision(name, area))
    tokens = _tokens(text)
    precision: Precision
    if _is_seat(tokens) and best.kind == "city":
        precision = "exact"  # "Ghoryan district center": the district's seat, a town
    elif best.kind == "country":
        precision = "country"
    elif best.kind in _DIVISIONS:
        precision = _DIVISIONS[best.kind]
    elif near:
        precision = "near"
    elif tokens and tokens[-1] in _ADMIN2_WORDS:
        precision = "admin2"  # "Nad Ali district": the district, placed at its namesake town
    else:
        precision = "exact"
    return _location(text, best, precision)


WORLD_REGIONS = frozenset(fold(name) for name in wordsets.words("world_regions"))
_CAPITAL_OF = re.compile(r"^(?:the\s+)?(?:[a-z]+\s+)?([A-Z][\w'-]+)\s+capital$")


@cache
def _capitals() -> dict[str, list[str]]:
    """ISO-3 -> the folded names of the country's capital."""
    actors = load_actors()
    found: dict[str, list[str]] = {}
    for name in actors.capitals:
        country = actors.countries.get(name)
        if country is not None:
            found.setdefault(country.iso3, []).append(name)
    return found


def _capital_named(text: str, gazetteer: Gazetteer) -> Place | None:
    """ "the Iraqi capital", "the Somali capital": the capital of the country of the adjective."""
    match = _CAPITAL_OF.match(text.strip())
    country = load_actors().countries.get(fold(match.group(1))) if match else None
    if country is None:
        return None
    towns = [
        place
        for name in _capitals().get(country.iso3, [])
        for place in gazetteer.lookup(name)
        if place.country == country.iso3 and place.kind == "city" and place.lat is not None
    ]
    return max(towns, key=lambda p: (p.population or 0, -p.id)) if towns else None


def chain_country(text: str, within: tuple[str, ...], gazetteer: Gazetteer) -> str | None:
    """The country a name and its containers agree on: each name votes for the countries it
    lies in, a division's vote worth twice a town's ("Zoura (Kongoussi, Bam)": Kongoussi is a
    department of Burkina Faso, Bam a town of Iran)."""
    votes: Counter[str] = Counter()
    for name in (text, *within):
        best: dict[str, float] = {}
        for place in gazetteer.lookup(_core(name)):
            weight = 1.0 if place.kind in _DIVISIONS else 0.5
            best[place.country] = max(best.get(place.country, 0.0), weight)
        votes.update(best)
    ranked = votes.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _named_country(text: str, gazetteer: Gazetteer) -> Place | None:
    """The country a phrase names by one of its names in news ("Macedonia", "the DRC"):
    a country's name outranks the towns that share it."""
    words = [w for w in text.split() if w.lower() != "the"]
    country = load_actors().countries.get(fold(" ".join(words)))
    if country is None or fold(" ".join(words)) in load_actors().capitals:
        return None
    return gazetteer.country(country.iso3)


def _location(text: str, place: Place, precision: Precision) -> Location:
    return Location(
        text=text,
        name=place.name,
        country=place.country,
        admin1=place.admin1,
        admin2=place.admin2 or (place.name if place.kind == "admin2" else None),
        lat=place.lat,
        lon=place.lon,
        precision=precision,
        geonames_id=place.geonames_id,
    )


def _best(text: str, focus: Counter[str], gazetteer: Gazetteer, areas: list[Place]) -> Place | None:
    wants_facility = is_facility_phrase(text)
    tokens = _tokens(text)
    seat = _is_seat(tokens)
    if seat:  # "Ghoryan district center": the district, then its town
        tokens = tokens[:-1]
        text = " ".join(tokens)
    words = frozenset(tokens)
    wants_admin = bool(tokens) and tokens[-1] in _ADMIN_WORDS
    candidates = gazetteer.facilities(text) if wants_facility else []
    if not candidates and not wants_facility:
        # a curated facility named in full without a facility word ("Tower 22")
        candidates = [
            place
            for core, place in curated_facilities().get(next(iter(core_tokens(text)), ""), [])
            if name_key(place.name) == name_key(text)
        ]
    if not candidates:
        stripped = " ".join(t for t in tokens if t not in _ADMIN_WORDS) if wants_admin else text
        candidates = gazetteer.lookup(stripped)
    if not candidates and len(tokens) > 1 and tokens[-1] in _SETTLEMENT_WORDS:
        candidates = gazetteer.lookup(" ".join(tokens[:-1]))  # "Qalat city", "Alasay area"
    country = areas[-1].country if areas else focus.most_common(1)[0][0] if focus else None
    if wants_admin and not any(c.kind in _DIVISIONS for c in candidates):
        # "Ghor province", "Garmsir district": a division spelt another way in the gazetteer
        # ("Ghowr", "Garmser")
        core = " ".join(tokens[:-1])
        if tokens[-1] in _ADMIN1_WORDS:
            candidates = [*candidates, *gazetteer.admin1_like(core, country)]
        elif tokens[-1] in _ADMIN2_WORDS and country is not None:
            in_province = bool(areas) and areas[-1].kind == "admin1"
            similar = gazetteer.admin2_like(core, country, in_province)
            candidates += _within(similar, areas[-1], True, alike=True) if areas else similar
    # a division known by name only (its source's position was another's) still says the
    # name is its country's: no namesake abroad is taken for it unless the story is there
    unplaced = {c.country for c in candidates if c.lat is None and c.kind == "admin2"}
    candidates = [c for c in candidates if c.lat is not None]
    if wants_admin:
        candidates = _divisions_or_towns_of(candidates, {*focus, *(a.country for a in areas)})
    if areas:
        district = bool(words & _ADMIN2_WORDS)
        candidates = [c for c in _within(candidates, areas[-1], district) if c != areas[0]]
    elif focus and not words & _ADMIN2_WORDS:
        # a district not called one is a district of the countries the story is about: the
        # world's many small divisions share names with peoples and words ("Christian")
        candidates = [c for c in candidates if c.kind != "admin2" or focus.get(c.country)]
    if not candidates:
        return None
    best = max(candidates, key=lambda p: (_score(p, focus, words, wants_admin), -p.id))
    if unplaced and best.country not in unplaced and not focus.get(best.country):
        return gazetteer.country(min(unplaced))
    if best.kind in _DIVISIONS and not wants_admin:
        # "Kandahar": the city of the division's name is the more precise reading.
        key = name_key(" ".join(t for t in tokens if t not in _SETTLEMENT_WORDS) or text)
        namesake = [
            c
            for c in candidates
            if c.kind == "city" and c.country == best.country and name_key(c.name) == key
        ]
        if namesake:
            best = max(namesake, key=lambda p: (p.population or 0, -p.id))
    return _at_seat(best, candidates, gazetteer, town=seat)


def _area(
    name: str,
    focus: Counter[str],
    gazetteer: Gazetteer,
    outer: Place | None,
    inner: list[str] | None = None,
) -> Place | None:
    """The division, country or town a container name stands for, inside ``outer``; of
    namesakes, one that contains a place of the ``inner`` names ("Bokkos, Plateau State" is
    Nigeria's Plateau, not Benin's)."""
    tokens = _tokens(name)
    core = _core(name)
    words = frozenset(tokens)
    # a container inside a province is a district or a town: "Kharki of Garmsir, Helmand"
    district = bool(words & _ADMIN2_WORDS) or (outer is not None and outer.kind == "admin1")
    candidates = [c for c in gazetteer.lookup(core) if c.lat is not None and c.kind != "facility"]
    if outer is not None:
        candidates = [c for c in _within(candidates, outer, district) if c != outer]
    if words & _ADMIN_WORDS:
        countries = {*focus, outer.country} if outer is not None else set(focus)
        candidates = _divisions_or_towns_of(candidates, countries)
    country = outer.country if outer is not None else focus.most_common(1)[0][0] if focus else None
    if (
        outer is None
        and country is not None
        and not any(c.kind == "admin1" and c.country == country for c in candidates)
    ):
        # the widest container is most often a division of the story's country, perhaps
        # spelt otherwise ("Ghor"); in any country, a loose spelling finds namesakes only
        candidates += gazetteer.admin1_like(core, country)
    if district and country is not None and not candidates:
        # "Nahri Saraj district": a district spelt another way ("Nahri Sarraj")
        in_province = outer is not None and outer.kind == "admin1"
        found = gazetteer.admin2_like(core, country, in_province)
        candidates = _within(found, outer, True, alike=True) if outer is not None else found
    if not candidates:
        return None
    # a container is most often a division, unless the text calls it a town ("Farah city")
    wants_admin = not words & _SETTLEMENT_WORDS
    holds = _holding(candidates, inner or [], gazetteer) if len(candidates) > 1 else set()
    best = max(
        candidates,
        key=lambda p: (p.id in holds, _score(p, focus, words, wants_admin), -p.id),
    )
    return _at_seat(best, candidates, gazetteer)


def _divisions_or_towns_of(candidates: list[Place], countries: set[str]) -> list[Place]:
    """What a name called a division may be: a division, or a namesake town of the countries
    the story or the text's containers name ("Soum province" is no village of Senegal)."""
    return [c for c in candidates if c.kind in _DIVISIONS or c.country in countries]


def _core(name: str) -> str:
    """A place name without its kind: "Garmsir district" -> "garmsir"."""
    return " ".join(t for t in _tokens(name) if t not in _ADMIN_WORDS | _SETTLEMENT_WORDS) or name


def _holding(areas: list[Place], names: list[str], gazetteer: Gazetteer) -> set[int]:
    """The ids of the ``areas`` that contain a place one of ``names`` may name."""
    places = [place for name in names for place in gazetteer.lookup(_core(name))]
    return {a.id for a in areas if any(_inside(p, a) and p != a for p in places)}


def _at_seat(
    place: Place, candidates: list[Place], gazetteer: Gazetteer, town: bool = False
) -> Place:
    """A district placed at its namesake town, where news and ACLED place what happens "in
    Shindand district", rather than at its centre, or that ``town`` itself; other places as
    they are. The town has the district's name, or a spelling of it, and lies in it ("Ghoryan"
    is seated at Ghōriyān)."""
    if place.kind != "admin2":
        return place
    key = name_key(place.name)
    towns = [c for c in candidates if c.kind == "city" and name_key(c.name) == key]
    if not towns and place.admin2:
        loose = skeleton(_core(place.name))
        towns = [c for c in gazetteer.towns_in(place) if skeleton(c.name) == loose]
    # near the district's centre: two districts of one name (Muqur in Ghazni and in Badghis)
    # each have their own
    towns = [c for c in towns if c.country == place.country and _reach(c, place, _SEAT_REACH_KM)]
    if not towns:
        return place
    seat = max(towns, key=lambda p: (p.population or 0, -p.id))
    return seat if town else replace(place, lat=seat.lat, lon=seat.lon)


def _container_precision(name: str, area: Place) -> Precision:
    """The precision of a place known only by what contains it: a part of a town is in the
    town ("the Ibrahim Khel area of Gardez city", ACLED's precision 1); a district found at
    its namesake town is the district."""
    if area.kind in _DIVISIONS:
        return _DIVISIONS[area.kind]
    if area.kind != "city":
        return "near"
    return "admin2" if set(_tokens(name)) & _ADMIN2_WORDS else "exact"


def _within(
    candidates: list[Place], area: Place, district: bool, alike: bool = False
) -> list[Place]:
    """The candidates inside ``area``. A ``district`` that the gazetteer puts in another
    province of the area's country is the text's, if the country has no other of the name: the
    text's province wins (the gazetteer's provinces of districts are approximate). One only
    spelt ``alike`` must lie next door, near the province's centre."""
    inside = [c for c in candidates if _inside(c, area)]
    if inside or area.kind != "admin1" or not district:
        return inside
    districts = [
        c
        for c in candidates
        if c.kind == "admin2"
        and c.country == area.country
        and (not alike or _reach(c, area, _NEIGHBOUR_KM))
    ]
    return [replace(districts[0], admin1=area.admin1)] if len(districts) == 1 else []


def _reach(place: Place, area: Place, km: float) -> bool:
    return (
        place.lat is not None
        and area.lat is not None
        and place.lon is not None
        and area.lon is not None
        and haversine_km(place.lat, place.lon, area.lat, area.lon) <= km
    )


def _inside(place: Place, area: Place) -> bool:
    if area.kind == "country":
        return place.country == area.country
    if area.kind in _DIVISIONS:
        same_admin2 = area.kind == "admin1" or place.admin2 == area.admin2
        return place.country == area.country and place.admin1 == area.admin1 and same_admin2
    return _reach(place, area, _TOWN_REACH_KM)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two points given in degrees."""
    lat1, lon1, lat2, lon2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def distance_km(a: Location, b: Location) -> float | None:
    """Great-circle distance between two located places, or None if either lacks coordinates."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    return haversine_km(a.lat, a.lon, b.lat, b.lon)
