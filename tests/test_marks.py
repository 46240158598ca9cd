"""Where an event's coded fields stand in its article (the inline evidence view)."""

from eventwire.marks import marks

TEXT = (
    "Police in Kisumu said on Monday that the market had reopened. "
    "Gunmen attacked a bus near Kisumu on Sunday, killing at least four passengers, police said."
)
SECOND = TEXT.index("Gunmen")


def record(**fields):
    return {
        "id": "e1",
        "evidence": [{"sentence": TEXT[SECOND:], "start": SECOND, "end": len(TEXT)}],
    } | fields


def spans(found):
    return [(m["label"], TEXT[m["start"] : m["end"]]) for m in found]


def test_words_are_marked_inside_the_events_evidence_sentence():
    event = record(location={"text": "Kisumu"}, date_text="Sunday", actor={"text": "Gunmen"})
    found = marks(TEXT, [event])
    assert spans(found) == [("ACTOR", "Gunmen"), ("PLACE", "Kisumu"), ("DATE", "Sunday")]
    assert all(m["start"] >= SECOND and m["event"] == "e1" for m in found)


def test_words_outside_the_evidence_are_found_elsewhere_in_the_text_or_not_at_all():
    event = record(attribution={"text": "market"}, recipient={"text": "the army"})
    assert spans(marks(TEXT, [event])) == [("SOURCE", "market")]


def test_only_whole_words_match():
    event = record(actor={"text": "us"}, recipient={"text": "bus"})
    assert spans(marks(TEXT, [event])) == [("RECIPIENT", "bus")]


def test_a_toll_nests_inside_the_party_it_counts_but_marks_never_cross():
    event = record(
        recipient={"text": "at least four passengers"},
        fatalities={"count": 4, "text": "at least four"},
        injuries={"count": 4, "text": "four passengers, police"},
    )
    assert spans(marks(TEXT, [event])) == [
        ("RECIPIENT", "at least four passengers"),
        ("KILLED", "at least four"),
    ]


def test_the_first_event_keeps_a_span_two_events_share():
    first = record(location={"text": "Kisumu"})
    second = record(id="e2", location={"text": "Kisumu"}, actor={"text": "Police"})
    found = marks(TEXT, [first, second])
    assert [(m["label"], m["event"]) for m in found] == [("PLACE", "e1"), ("ACTOR", "e2")]
    assert TEXT[found[1]["start"] :].startswith("police said")  # in the evidence, not "Police in"


def test_offsets_that_do_not_point_into_the_text_are_ignored():
    event = record(location={"text": "Kisumu"})
    event["evidence"] = [{"sentence": "elsewhere", "start": 5000, "end": 5010}]
    assert [m["start"] for m in marks(TEXT, [event])] == [TEXT.index("Kisumu")]
