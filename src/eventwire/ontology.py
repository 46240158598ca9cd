"""PLOVER categories and the derived mappings: CAMEO root codes and ACLED event types."""

from __future__ import annotations

from eventwire import wordsets
from eventwire.actors import ACLED_GENERIC_NAMES, ARMED_SECTORS
from eventwire.casualties import acled_count, is_range
from eventwire.dates import acled_time_precision
from eventwire.records import AcledCoding, Actor, Event

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
_CAMEO_ROOT = {
    "AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "COOPERATE": "06", "AID": "07",
    "CONCEDE": "08", "RETREAT": "08", "REQUEST": "10", "ACCUSE": "11", "REJECT": "12",
    "THREATEN": "13", "PROTEST": "14", "MOBILIZE": "15", "SANCTION": "16", "COERCE": "17",
}  # fmt: skip
# CAMEO 18 "assault" covers one-sided and unconventional violence; 19 "fight" military force.
_CAMEO_FIGHT_MODES = frozenset({"aerial", "drone", "heavy-weapons", "firearms"})
STATE_SECTORS = frozenset({"MIL", "COP", "GOV", "SPY"})
FORCES_SECTORS = frozenset({"MIL", "COP", "SPY"})
_CIVILIAN_SECTORS = frozenset({"CVL", "AGR", "EDU", "JRN", "LAB", "MED", "REF", "REL", "BUS"})
AGREEMENT_TRIGGERS = wordsets.words("agreement_triggers")
SIDE_CHANGE_TRIGGERS = wordsets.words("side_change_triggers")
RESCUE_TRIGGERS = wordsets.words("rescue_triggers")
_GEO_PRECISION = {"exact": 1, "near": 2, "admin2": 2, "admin1": 3, "country": 3}
# ACLED codes events told as having happened (a party's claim of an act included).
ACLED_MODALITIES = frozenset({"asserted", "claimed"})
UNIDENTIFIED_ARMED_GROUP_INTER = 3
UNIDENTIFIED_ARMED_GROUP = "Unidentified Armed Group"
TERRITORY_TRIGGERS = wordsets.words("territory_triggers")
# ACLED's sub-event types: their event type, and the PLOVER type and mode each reads as.
ACLED_SUB_EVENTS: dict[str, tuple[str, str, str | None]] = {
    "Armed clash": ("Battles", "ASSAULT", None),
    "Government regains territory": ("Battles", "ASSAULT", None),
    "Non-state actor overtakes territory": ("Battles", "ASSAULT", None),
    "Chemical weapon": ("Explosions/Remote violence", "ASSAULT", "unconventional"),
    "Air/drone strike": ("Explosions/Remote violence", "ASSAULT", "aerial"),
    "Suicide bomb": ("Explosions/Remote violence", "ASSAULT", "suicide-attack"),
    "Shelling/artillery/missile attack": ("Explosions/Remote violence", "ASSAULT", "heavy-weapons"),
    "Remote explosive/landmine/IED": ("Explosions/Remote violence", "ASSAULT", "explosives"),
    "Grenade": ("Explosions/Remote violence", "ASSAULT", "explosives"),
    "Sexual violence": ("Violence against civilians", "ASSAULT", "sexual"),
    "Attack": ("Violence against civilians", "ASSAULT", None),
    "Abduction/forced disappearance": ("Violence against civilians", "ASSAULT", "abduct"),
    "Peaceful protest": ("Protests", "PROTEST", None),
    "Protest with intervention": ("Protests", "PROTEST", None),
    "Excessive force against protesters": ("Protests", "ASSAULT", None),
    "Violent demonstration": ("Riots", "PROTEST", "riot"),
    "Mob violence": ("Riots", "PROTEST", "riot"),
    "Agreement": ("Strategic developments", "AGREE", None),
    "Arrests": ("Strategic developments", "COERCE", "arrest"),
    "Change to group/activity": ("Strategic developments", "MOBILIZE", None),
    "Disrupted weapons use": ("Explosions/Remote violence", "COERCE", "seize"),
    "Headquarters or base established": ("Strategic developments", "MOBILIZE", None),
    "Looting/property destruction": ("Strategic developments", "ASSAULT", "destroy"),
    "Non-violent transfer of territory": ("Strategic developments", "RETREAT", "withdraw"),
    "Other": ("Strategic developments", "MOBILIZE", None),
}  # fmt: skip
ACLED_EVENT_TYPE = {sub: types[0] for sub, types in ACLED_SUB_EVENTS.items()}
WEAPON_WORDS = wordsets.words("weapon_words")


def cameo_root(event_type: str, mode: str | None) -> str | None:
    """The two-digit CAMEO root code of a PLOVER type and mode."""
    if event_type == "ASSAULT":
        if mode == "unconventional":
            return "20"
        return "19" if mode in _CAMEO_FIGHT_MODES else "18"
    if event_type == "ACCUSE" and mode == "investigate":
        return "09"
    return _CAMEO_ROOT.get(event_type)


def contexts(event_type: str, actor: Actor | None, recipient: Actor | None) -> list[str]:
    """PLOVER contexts that follow from the participants."""
    sectors = {a.sector for a in (actor, recipient) if a}
    found = []
    if "MIL" in sectors:
        found.append("military")
    if (
        event_type in {"COERCE", "ASSAULT"}
        and actor
        and actor.sector in {"COP", "MIL"}
        and (recipient and recipient.sector in _CIVILIAN_SECTORS)
    ):
        found.append("repression")
    return found


def _is_civilian(actor: Actor | None) -> bool:
    return actor is not None and (actor.inter == 7 or actor.sector in _CIVILIAN_SECTORS)


def acled_types(event: Event, trigger: str) -> tuple[str, str] | None:
    """ACLED (event_type, sub_event_type) of an event, or None where ACLED records none."""
    mode = event.mode
    if event.type == "ASSAULT":
        if mode == "crowd-control":
            return "Protests", "Protest with intervention"
        if _protesters(event.recipient) and event.actor and event.actor.sector in FORCES_SECTORS:
            return "Protests", "Excessive force against protesters"
        if trigger in TERRITORY_TRIGGERS:
            if event.actor and event.actor.sector in STATE_SECTORS:
                return "Battles", "Government regains territory"
            return "Battles", "Non-state actor overtakes territory"
        if mode in {"aerial", "drone"}:
            return "Explosions/Remote violence", "Air/drone strike"
        if mode == "heavy-weapons":
            return "Explosions/Remote violence", "Shelling/artillery/missile attack"
        if mode == "suicide-attack":
            return "Explosions/Remote violence", "Suicide bomb"
        if mode == "explosives":
            if _mentions(event, "grenade"):
                return "Explosions/Remote violence", "Grenade"
            return "Explosions/Remote violence", "Remote explosive/landmine/IED"
        if mode == "unconventional":
            return "Explosions/Remote violence", "Chemical weapon"
        if mode == "sexual":
            return "Violence against civilians", "Sexual violence"
        if mode == "abduct":
            return "Violence against civilians", "Abduction/forced disappearance"
        if mode == "destroy":
            return "Strategic developments", "Looting/property destruction"
        if _is_civilian(event.recipient):
            return "Violence against civilians", "Attack"
        return "Battles", "Armed clash"
    if event.type == "PROTEST":
        if mode == "riot":
            mob = event.actor is not None and "mob" in (event.actor.text or "").lower()
            return "Riots", "Mob violence" if mob else "Violent demonstration"
        return "Protests", "Peaceful protest"
    if event.type == "COERCE" and mode == "arrest":
        return "Strategic developments", "Arrests"
    if event.type == "COERCE" and mode == "seize" and _mentions(event, *WEAPON_WORDS):
        return "Explosions/Remote violence", "Disrupted weapons use"
    if event.type == "SUPPORT" and trigger in SIDE_CHANGE_TRIGGERS and _armed(event.recipient):
        return "Strategic developments", "Change to group/activity"
    if event.type == "AID" and trigger in RESCUE_TRIGGERS:
        return "Strategic developments", "Other"  # rescues and other non-violent activity
    if event.type in {"SUPPORT", "AGREE", "CONCEDE"} and trigger in AGREEMENT_TRIGGERS:
        return "Strategic developments", "Agreement"
    if event.type == "RETREAT" and mode in {"disarm", "release"}:
        return "Strategic developments", "Agreement"  # surrenders, releases of captives
    if event.type == "RETREAT" and mode == "withdraw" and event.location is not None:
        return "Strategic developments", "Non-violent transfer of territory"
    if (
        event.type == "MOBILIZE"
        and trigger in {"establish", "deploy"}
        and _mentions(event, "base", "headquarters", "outpost", "camp")
    ):
        return "Strategic developments", "Headquarters or base established"
    return None


def _armed(party: Actor | None) -> bool:
    return party is not None and (party.sector in ARMED_SECTORS or party.inter in {2, 3})


def _mentions(event: Event, *words: str) -> bool:
    """Whether the event's evidence names one of ``words``."""
    text = " ".join(e.sentence for e in event.evidence).lower()
    return any(word in text for word in words)


def _protesters(party: Actor | None) -> bool:
    return party is not None and (
        party.inter == 6
        or any(word in (party.text or "").lower() for word in ("protester", "demonstrator"))
    )


def acled_inter(actor: Actor | None, event_country: str | None) -> int | None:
    """ACLED inter code; a state's forces operating outside their country are external (8)."""
    if actor is None or actor.inter is None:
        return None
    if (
        actor.sector in FORCES_SECTORS
        and actor.country
        and event_country
        and actor.country != event_country
    ):
        return 8
    return actor.inter


def acled_coding(
    event: Event,
    trigger: str,
    country: str | None = None,
    claimed_toll: bool = False,
    sub_event_type: str | None = None,
) -> AcledCoding | None:
    """The event under ACLED's coding rules, or None for events ACLED does not record.

    ``country`` is where the event happened, when known. ``claimed_toll`` marks a death toll
    that only the attacker reports: ACLED does not count a party's claim about enemy dead.
    ``sub_event_type`` is ACLED's type where the classifier gives it; else the rules read it.
    """
    types = (
        (ACLED_EVENT_TYPE[sub_event_type], sub_event_type)
        if sub_event_type
        else acled_types(event, trigger)
    )
    if types is None:
        return None
    event_type, sub_event_type = types
    inter1 = acled_inter(event.actor, country)
    inter2 = acled_inter(event.recipient, country)
    if event_type == "Protests":
        # Protesters are ACLED's first actor; forces that intervene are the second.
        inter1, inter2 = 6, (inter1 if event.type == "ASSAULT" else None)
    elif event_type == "Riots":
        inter1 = 5
    elif inter1 is None and event_type in {
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
    }:
        inter1 = UNIDENTIFIED_ARMED_GROUP_INTER
    if inter2 is None and event_type == "Violence against civilians":
        inter2 = 7
    interaction = None
    if inter1 is not None:
        pair = sorted(code for code in (inter1, inter2) if code is not None)
        interaction = int("".join(map(str, pair))) if len(pair) == 2 else inter1 * 10
    actor1 = event.actor.acled_name if event.actor else None
    actor2 = event.recipient.acled_name if event.recipient else None
    if event_type == "Protests":
        actor1, actor2 = "Protesters", (actor1 if event.type == "ASSAULT" else None)
    elif event_type == "Riots":
        actor1 = "Rioters"
    elif actor1 is None and inter1 == UNIDENTIFIED_ARMED_GROUP_INTER:
        actor1 = UNIDENTIFIED_ARMED_GROUP
    if actor2 is None and event.recipient is not None:
        actor2 = ACLED_GENERIC_NAMES.get(inter2 or 0)
    if actor2 is None and event_type == "Violence against civilians":
        actor2 = "Civilians"
    fatalities = 0 if claimed_toll else acled_count(event.fatalities)
    return AcledCoding(
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor1=actor1,
        actor2=actor2,
        inter1=inter1,
        inter2=inter2,
        interaction=interaction,
        fatalities=fatalities,
        geo_precision=_GEO_PRECISION.get(event.location.precision or "")
        if event.location
        else None,
        time_precision=acled_time_precision(event.date_precision),
        fatalities_note=fatalities_note(event, fatalities, claimed_toll),
    )


def fatalities_note(event: Event, figure: int, claimed: bool) -> str | None:
    """Why ACLED's figure ``figure`` is not the toll the report gives, as ACLED's notes say it
    ("Fatalities coded as 0 (VoJ reported 3 killed, ...)"); None where the two agree.

    ACLED does not count a party's claim about the dead, codes a toll given without a number
    by its convention for the words, and a range by its lower end."""
    told = event.fatalities
    if told is None:
        return None
    if claimed:
        return (
            f"Fatalities coded as 0 ({_claimant(event)} reported {told.text} killed, a claim"
            " by a party to the fighting)."
        )
    if told.count is None:
        return f'Unknown fatalities coded as {figure} (reported as "{told.text}").'
    if is_range(told.text):
        return f'Fatalities coded as {figure}, the lower end of the reported "{told.text}".'
    return None


def _claimant(event: Event) -> str:
    """Who gave a toll that is only a party's claim: the party's source, else the report's."""
    party = next((r.source for r in event.toll_reports if r.party and not r.corroborating), None)
    return party or (event.attribution.text if event.attribution else "the attackers")
