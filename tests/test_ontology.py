"""PLOVER to CAMEO and ACLED mappings."""

from __future__ import annotations

import pytest

from eventwire.ontology import acled_coding, acled_types, cameo_root
from eventwire.records import Actor, Event, Evidence, Location, Quantity, TollReport

ARMY = Actor("the army", "Military Forces of Mali", "MLI", "MIL", 1)
REBELS = Actor("rebels", "rebels", None, "REB", 2)
PROTESTERS = Actor("protesters", "protesters", None, "CVL", 6)
VILLAGERS = Actor("villagers", "villagers", None, "CVL", 7)


def event(
    kind: str,
    mode: str | None = None,
    actor: Actor | None = None,
    recipient: Actor | None = None,
    sentence: str = "",
    place: bool = False,
) -> Event:
    location = Location("Gao", "Gao", "MLI", "Gao", 16.27, -0.04, "exact") if place else None
    return Event(
        id="e",
        type=kind,
        mode=mode,
        actor=actor,
        recipient=recipient,
        location=location,
        evidence=[Evidence(sentence, 0, len(sentence))],
    )


@pytest.mark.parametrize(
    ("built", "trigger", "expected"),
    [
        (event("ASSAULT", "aerial", ARMY, REBELS), "strike", "Air/drone strike"),
        (
            event("ASSAULT", "heavy-weapons", ARMY, REBELS),
            "shell",
            "Shelling/artillery/missile attack",
        ),
        (
            event("ASSAULT", "explosives", None, ARMY, "A roadside bomb hit a truck."),
            "hit",
            "Remote explosive/landmine/IED",
        ),
        (
            event("ASSAULT", "explosives", None, ARMY, "A grenade was thrown at a patrol."),
            "throw",
            "Grenade",
        ),
        (event("ASSAULT", "suicide-attack"), "attack", "Suicide bomb"),
        (event("ASSAULT", "firearms", REBELS, VILLAGERS), "attack", "Attack"),
        (event("ASSAULT", "firearms", REBELS, ARMY), "attack", "Armed clash"),
        (event("ASSAULT", "abduct", REBELS, VILLAGERS), "kidnap", "Abduction/forced disappearance"),
        (
            event("ASSAULT", "firearms", ARMY, PROTESTERS),
            "fire",
            "Excessive force against protesters",
        ),
        (event("ASSAULT", "crowd-control", ARMY, PROTESTERS), "fire", "Protest with intervention"),
        (event("ASSAULT", None, REBELS, None), "capture", "Non-state actor overtakes territory"),
        (event("ASSAULT", None, ARMY, None), "retake", "Government regains territory"),
        (event("PROTEST", "demo", PROTESTERS), "march", "Peaceful protest"),
        (event("PROTEST", "riot", PROTESTERS), "riot", "Violent demonstration"),
        (event("COERCE", "arrest", ARMY, PROTESTERS), "arrest", "Arrests"),
        (
            event("COERCE", "seize", ARMY, None, "Soldiers seized rifles and ammunition."),
            "seize",
            "Disrupted weapons use",
        ),
        (event("SUPPORT", None, ARMY, REBELS), "sign", "Agreement"),
        (event("RETREAT", "disarm", REBELS, ARMY), "surrender", "Agreement"),
        (
            event("RETREAT", "withdraw", ARMY, None, place=True),
            "withdraw",
            "Non-violent transfer of territory",
        ),
    ],
)
def test_acled_sub_event_types(built, trigger, expected):
    assert acled_types(built, trigger)[1] == expected


def test_events_acled_does_not_record():
    assert acled_types(event("CONSULT", None, ARMY, REBELS), "meet") is None
    assert acled_types(event("ACCUSE", "disapprove", ARMY, REBELS), "condemn") is None


def test_state_forces_abroad_are_external():
    strike = event("ASSAULT", "aerial", Actor("US jets", "US", "USA", "MIL", 1), REBELS)
    coding = acled_coding(strike, "strike", country="IRQ")
    assert (coding.inter1, coding.inter2, coding.interaction) == (8, 2, 28)
    assert acled_coding(strike, "strike", country="USA").inter1 == 1


def test_unknown_attacker_is_an_unidentified_armed_group():
    coding = acled_coding(event("ASSAULT", "explosives", None, VILLAGERS, "A bomb."), "explode")
    assert (coding.inter1, coding.actor1) == (3, "Unidentified Armed Group")
    assert coding.actor2 == "Civilians"


@pytest.mark.parametrize(
    ("kind", "mode", "root"),
    [
        ("ASSAULT", "aerial", "19"),
        ("ASSAULT", "abduct", "18"),
        ("ASSAULT", "unconventional", "20"),
        ("ACCUSE", "investigate", "09"),
        ("ACCUSE", "disapprove", "11"),
        ("PROTEST", "demo", "14"),
        ("AGREE", None, "03"),
        ("COERCE", "arrest", "17"),
    ],
)
def test_cameo_roots(kind, mode, root):
    assert cameo_root(kind, mode) == root


def test_joining_an_armed_group_is_a_change_to_group(code) -> None:
    (event,) = code("On Monday, 30 soldiers switched sides and joined the Taliban in Kunduz.")
    assert event.type == "SUPPORT"
    assert event.acled is not None
    assert (event.acled.event_type, event.acled.sub_event_type) == (
        "Strategic developments",
        "Change to group/activity",
    )


def test_a_rescue_is_aid_and_acled_other(code) -> None:
    (event,) = code("Police rescued 12 hostages from their kidnappers in Lagos on Monday.")
    assert event.type == "AID"
    assert event.acled is not None and event.acled.sub_event_type == "Other"


def test_joining_talks_is_no_change_to_group(code) -> None:
    events = code("France joined the talks in Geneva on Monday.")
    assert all(
        e.acled is None or e.acled.sub_event_type != "Change to group/activity" for e in events
    )


def _toll(words: str, count: int | None, *reports: TollReport) -> Event:
    killed = event("ASSAULT", "firearms", REBELS, ARMY, f"Rebels killed {words} soldiers.")
    killed.fatalities = Quantity(count, words)
    killed.toll_reports = list(reports)
    return killed


@pytest.mark.parametrize(
    ("built", "claimed", "fatalities", "note"),
    [
        (_toll("six", 6), False, 6, None),
        (_toll("at least 62", 62), False, 62, None),
        (_toll("dozens", None), False, 12,
         'Unknown fatalities coded as 12 (reported as "dozens").'),
        (_toll("10 to 15", 10), False, 10,
         'Fatalities coded as 10, the lower end of the reported "10 to 15".'),
        (_toll("3", 3, TollReport("VoJ", Quantity(3, "3"), "Taliban", False,
                                  Evidence("VoJ reported 3 fatalities.", 0, 26))),
         True, 0, "Fatalities coded as 0 (VoJ reported 3 killed, a claim by a party to the "
         "fighting)."),
    ],
)  # fmt: skip
def test_acled_fatalities_say_why_they_differ_from_the_toll(
    built: Event, claimed: bool, fatalities: int, note: str | None
) -> None:
    coding = acled_coding(built, "kill", "MLI", claimed_toll=claimed)

    assert coding is not None
    assert (coding.fatalities, coding.fatalities_note) == (fatalities, note)
