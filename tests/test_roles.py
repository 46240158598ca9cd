"""MUC-4 role filling: head nouns, which event fields fill which role, and the micro score."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from eventwire.roles import head_noun, predicted_roles, read_muc4, score_roles

MUC = {
    "DEV-1": {
        "doc": "GUERRILLAS OF THE POPULAR FRONT BURNED A FARM NEAR FLORES.",
        "roles": {
            "perp_individual_id": [["GUERRILLAS"]],
            "perp_organization_id": [["POPULAR FRONT", "PF"]],
            "phys_tgt_id": [["FARM"]],
            "hum_tgt_name": [["JUAN PEREZ"]],
            "incident_instrument_id": [],
        },
    },
    "DEV-2": {"doc": "THE MINISTER SPOKE.", "roles": {}},
}


@pytest.mark.parametrize(
    ("phrase", "head"),
    [
        ("the guerrillas", "guerrillas"),
        ("members of the Popular Front [PF]", "members"),
        ('THE "LA EMINENCIA" FARM LOCATED NEAR THE TOWN', "farm"),
        ("a man who is a native of Medellin", "man"),
        ("", None),
    ],
)
def test_the_head_noun_is_the_last_word_before_any_modifier(phrase: str, head: str | None):
    assert head_noun(phrase) == head


def test_attacks_fill_roles_by_their_parties() -> None:
    events = [
        {"type": "ASSAULT", "actor": {"text": "guerrillas"}, "recipient": {"text": "a farm"}},
        {"type": "ASSAULT", "actor": {"text": None}, "recipient": {"text": "a peasant",
                                                                  "sector": "CVL"}},
        {"type": "ACCUSE", "actor": {"text": "the army"}, "recipient": {"text": "rebels"}},
    ]  # fmt: skip
    assert predicted_roles(events) == {
        "perpetrator": ["guerrillas"], "target": ["a farm"], "victim": ["a peasant"]
    }  # fmt: skip


def test_scores_are_micro_averaged_over_documents_and_roles(tmp_path: Path) -> None:
    path = tmp_path / "dev.json"
    path.write_text(json.dumps(MUC), encoding="utf-8")
    documents = list(read_muc4(path))
    assert [len(d.roles["perpetrator"]) for d in documents] == [2, 0]
    predictions = {
        "DEV-1": [
            {"type": "ASSAULT", "actor": {"text": "the guerrillas"},
             "recipient": {"text": "the farm near Flores"}},
            {"type": "ASSAULT", "actor": {"text": "they"}, "recipient": {"text": "a truck"}},
        ],
        "DEV-2": [{"type": "ASSAULT", "actor": {"text": "the minister"}}],
    }  # fmt: skip
    report = score_roles(documents, predictions)
    perpetrator, target = report.scores["perpetrator"], report.scores["target"]
    assert (perpetrator.gold, perpetrator.predicted, perpetrator.correct) == (2, 2, 1)
    assert (target.gold, target.predicted, target.correct) == (1, 2, 1)
    micro = report.micro
    assert (micro.gold, micro.predicted, micro.correct) == (4, 4, 2)
    assert micro.f1 == pytest.approx(0.5)


def test_eval_scores_saved_output_on_a_muc4_file(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from eventwire.cli import main

    gold, saved = tmp_path / "dev.json", tmp_path / "saved.jsonl"
    gold.write_text(json.dumps(MUC), encoding="utf-8")
    events = [{"type": "ASSAULT", "actor": {"text": "guerrillas"}, "recipient": {"text": "a farm"}}]
    saved.write_text(json.dumps({"id": "DEV-1", "events": events}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["eval", str(gold), "--gold-format", "muc4", "--against", str(saved)]
    )
    assert result.exit_code == 0, result.output
    assert "2 documents" in result.output
    micro = next(line for line in result.output.splitlines() if "micro" in line)
    assert re.findall(r"\d[\d.]*", micro) == ["4", "2", "1.000", "0.500", "0.667"]
