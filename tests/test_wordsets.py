"""The rule vocabulary in data/wordsets.toml: every set documented and read, overlaps told by
include, and the loader's errors; a word added to the data changes the rules' words."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from eventwire import wordsets
from eventwire.wordsets import WordSets, load, mapping, words

SOURCE = resources.files("eventwire") / "data" / "wordsets.toml"
PACKAGE = Path(wordsets.__file__).parent
READ = re.compile(r"""wordsets\.(?:words|mapping)\(\s*["']([a-z0-9_]+)["']\s*\)""")


def _tables() -> dict[str, dict]:
    with SOURCE.open("rb") as handle:
        return tomllib.load(handle)


def _read_by_code() -> set[str]:
    return {name for path in PACKAGE.glob("*.py") for name in READ.findall(path.read_text())}


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "wordsets.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _included(sets: WordSets, name: str) -> set[str]:
    """The sets ``name`` includes, directly or through others."""
    found: set[str] = set()
    for other in sets.includes[name]:
        found |= {other, *_included(sets, other)}
    return found


def test_every_set_has_a_doc_and_words_sorted_once() -> None:
    for name, table in _tables().items():
        assert table.get("doc", "").strip(), f"{name} has no doc"
        groups = table["words"] if isinstance(table["words"], dict) else {"": table["words"]}
        for group in groups.values():
            assert group, f"{name} has no words"
            assert group == sorted(set(group)), f"{name}: words not sorted, or listed twice"


def test_a_doc_over_several_lines_reads_as_one() -> None:
    assert all("\n" not in doc and "  " not in doc for doc in wordsets.bundled().docs.values())


def test_no_set_lists_a_word_it_already_includes() -> None:
    sets = wordsets.bundled()
    for name, table in _tables().items():
        from_includes = set().union(*(sets.words(other) for other in sets.includes[name]))
        if isinstance(table["words"], list):
            assert not from_includes & set(table["words"]), name


def test_includes_give_their_words() -> None:
    assert words("light_verbs") <= words("support_verbs")
    assert words("light_verbs") <= words("launch_verbs")
    assert words("support_verbs") & words("launch_verbs") == words("light_verbs")
    assert words("accord_nouns") <= words("agreement_objects") & words("meeting_nouns")
    assert words("accord_nouns") <= words("agreement_triggers")
    assert words("reporting_verbs") | {"comment", "elaborate"} == words("no_comment_verbs")
    assert words("admin_words") == (
        words("admin1_words") | words("admin2_words") | {"department", "prefecture"}
    )
    assert words("seat_words") <= words("seat_phrase_words")
    assert "die" in words("fatal_lemmas")


# Sets that hold another's words by chance, not by meaning: prepositions and place nouns that
# two rules happen to share.
COINCIDENT = {
    ("origin_preps", "location_preps"),
    ("origin_preps", "partner_preps"),
    ("origin_preps", "thing_preps"),
    ("accused_preps", "thing_preps"),
    ("goal_preps", "thing_preps"),
    ("town_words", "site_nouns"),
}


def test_a_set_that_holds_another_includes_it() -> None:
    """Overlaps are told by include: where one set's words are all another's, the other
    includes it (unless the two only share words by chance, as listed above)."""
    sets = wordsets.bundled()
    assert all(words(small) <= words(big) for small, big in COINCIDENT), "a stale pair"
    for small in sets.sets:
        for big in sets.sets:
            if small != big and sets.words(small) <= sets.words(big):
                assert small in _included(sets, big) or (small, big) in COINCIDENT, (
                    f"{big} holds every word of {small}: include it, or list the pair as coincident"
                )


def test_every_set_is_read_by_code_or_included() -> None:
    sets = wordsets.bundled()
    read = _read_by_code()
    assert read, "no wordsets.words(...) calls found"
    reachable = read | {other for name in read for other in _included(sets, name)}
    assert set(sets.sets) - reachable == set(), "sets that no module reads"
    assert read <= set(sets.sets), "modules read sets the file lacks"


def test_mappings_read_each_word_as_its_value() -> None:
    modes = mapping("weapon_modes")
    assert (modes["drone"], modes["mortar"], modes["machete"]) == (
        "drone",
        "heavy-weapons",
        "primitive",
    )
    assert words("weapon_modes") == modes.keys()
    assert mapping("site_nouns")["districts"] == "district"
    modes["drone"] = "changed"
    assert mapping("weapon_modes")["drone"] == "drone"  # each caller gets its own copy


def test_the_constants_keep_their_types() -> None:
    from eventwire import geocode, lexicon, ontology

    assert isinstance(lexicon.WEAPON_MODES, dict)
    assert isinstance(lexicon.REPORTING_VERBS, frozenset)
    assert isinstance(ontology.WEAPON_WORDS, frozenset)
    assert "central africa" in geocode.WORLD_REGIONS  # folded as the geocoder compares them


def test_an_unknown_set_is_a_key_error() -> None:
    with pytest.raises(KeyError, match="no_such_set"):
        words("no_such_set")
    with pytest.raises(KeyError, match="no_such_set"):
        mapping("no_such_set")
    with pytest.raises(TypeError, match="launch_verbs"):
        mapping("launch_verbs")


def test_an_include_cycle_is_an_error(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        '[a]\ndoc = "A."\ninclude = ["b"]\nwords = ["x"]\n'
        '[b]\ndoc = "B."\ninclude = ["c"]\nwords = ["y"]\n'
        '[c]\ndoc = "C."\ninclude = ["a"]\nwords = ["z"]\n',
    )
    with pytest.raises(ValueError, match="a -> b -> c -> a"):
        load(path)
    with pytest.raises(ValueError, match="a -> a"):
        load(_write(tmp_path, '[a]\ndoc = "A."\ninclude = ["a"]\nwords = ["x"]\n'))


def test_malformed_sets_are_errors(tmp_path: Path) -> None:
    cases = {
        '[a]\ndoc = "A."\ninclude = ["nowhere"]\nwords = ["x"]\n': (KeyError, "nowhere"),
        '[a]\nwords = ["x"]\n': (ValueError, "no doc"),
        '[a]\ndoc = "A."\nwords = "x"\n': (ValueError, "list of words"),
        '[a]\ndoc = "A."\nword = ["x"]\n': (ValueError, "'a'"),
        '[a]\ndoc = "A."\n[a.words]\nv = ["x"]\nw = ["x"]\n': (ValueError, "'x'"),
    }
    for text, (error, message) in cases.items():
        with pytest.raises(error, match=message):
            load(_write(tmp_path, text))


def test_a_word_added_to_the_data_reaches_every_set_that_includes_it(tmp_path: Path) -> None:
    text = SOURCE.read_text(encoding="utf-8")
    listed = 'words = ["accord", "agreement", "ceasefire", "deal", "treaty", "truce"]'
    assert text.count(listed) == 1
    added = listed.replace('"ceasefire"', '"armistice", "ceasefire"')
    edited = load(_write(tmp_path, text.replace(listed, added)))
    for name in ("accord_nouns", "agreement_objects", "meeting_nouns", "agreement_triggers"):
        assert "armistice" in edited.words(name)
        assert edited.words(name) - words(name) == {"armistice"}
    assert "armistice" not in words("agreement_objects")  # the bundled file is as it was


def test_reading_the_vocabulary_loads_no_nlp_library() -> None:
    code = (
        "import sys, eventwire.wordsets as w, eventwire.lexicon, eventwire.ontology; "
        "w.words('launch_verbs'); assert 'spacy' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
