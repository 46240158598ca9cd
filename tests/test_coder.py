"""Event coding from syntax: roles, casualties, modality, background and figurative language.

Every sentence here is written for these tests.
"""

from __future__ import annotations

from datetime import date

import pytest


def test_passive_with_agent_gives_actor_and_recipient(code):
    [event] = code(
        "The convoy was ambushed by Taliban fighters near Ghazni on Monday, killing "
        "four soldiers and wounding six, officials said."
    )
    assert event.type == "ASSAULT"
    assert event.actor.name == "Taliban" and event.actor.sector == "REB"
    assert event.recipient.text == "The convoy"
    assert (event.fatalities.count, event.injuries.count) == (4, 6)
    assert event.location.name == "Ghazni" and event.location.precision == "near"
    assert event.date == date(2025, 3, 3) and event.date_precision == "day"
    assert event.attribution.text == "officials"


def test_active_arrest_fills_state_country_from_place(code):
    [event] = code("Police arrested three opposition activists in Dhaka on Friday.")
    assert (event.type, event.mode) == ("COERCE", "arrest")
    assert event.actor.sector == "COP" and event.actor.country == "BGD"
    assert event.location.country == "BGD"
    assert event.acled.sub_event_type == "Arrests"


def test_vague_casualties_keep_their_words(code):
    [event] = code(
        "A Nigerian Air Force jet bombed a camp near Damboa on Sunday, killing a "
        "number of fighters, residents said.",
        published=date(2025, 6, 10),
    )
    assert event.fatalities.count is None
    assert event.fatalities.text == "a number of"
    assert event.acled.fatalities == 3


def test_one_sentence_with_two_events_gives_two(code):
    events = code("Police arrested two men in Kano, while protesters marched in Abuja.")
    assert sorted(e.type for e in events) == ["COERCE", "PROTEST"]
    assert {e.location.name for e in events} == {"Kano", "Abuja"}


def test_one_event_in_several_sentences_is_one_event(code):
    events = code(
        "Gunmen attacked a police station in Dera Ismail Khan late on Sunday, police said.\n\n"
        "Four policemen were killed in the attack, a police spokesman said.",
        published=date(2024, 10, 14),
    )
    assert len(events) == 1
    assert events[0].fatalities.count == 4
    assert len(events[0].evidence) == 2


def test_threat_is_threaten_not_assault(code):
    [event] = code("The rebels threatened to attack the capital, a spokesman said.")
    assert event.type == "THREATEN"
    assert event.modality == "asserted"


@pytest.mark.parametrize(
    "text",
    [
        "The group has claimed 30 attacks this year.",  # a tally, not an event
        "Attacks on the highway have risen since January.",  # a period summarised
        "The militia was formed to fight the army.",  # a purpose, not an act
        "No one was killed in the blast, police said.",  # negated
        "Real Madrid attacked relentlessly and beat Valencia 3-1 on Sunday.",  # sport
        "A wildfire killed three residents in the hills above Marseille.",  # disaster
        "The two chains launched a price war that hit rivals hard.",  # business
    ],
)
def test_no_political_event(code, text):
    assert code(text) == []


def test_history_is_not_stamped_with_the_article_date(code):
    events = code(
        "In 2014, Islamic State fighters seized Mosul and killed hundreds of prisoners.",
        published=date(2025, 3, 5),
    )
    assert events == []


def test_nominal_event_with_actor_and_target(code):
    [event] = code(
        "A Russian drone strike on Kharkiv on Friday killed two people and injured "
        "nine, the regional governor said.",
        published=date(2024, 12, 7),
    )
    assert (event.type, event.mode) == ("ASSAULT", "drone")
    assert event.actor.country == "RUS" and event.actor.sector == "MIL"
    assert event.location.name == "Kharkiv"
    assert event.acled.sub_event_type == "Air/drone strike"
    assert event.acled.inter1 == 8  # a state's forces operating abroad


def test_instrument_owner_is_the_actor(code):
    events = code(
        "Pentagon officials said the United States responded using an AC-130 "
        "gunship that hit a militia truck near Al-Qaim on Tuesday."
    )
    assert len(events) == 1
    assert events[0].actor.country == "USA"
    assert events[0].mode == "aerial"


def test_agreement_between_two_parties(code):
    [event] = code(
        "Yemen's government and the Houthis signed an agreement in Muscat on "
        "Saturday to reopen roads into Taiz, mediators said.",
        published=date(2025, 4, 27),
    )
    assert event.type == "SUPPORT"
    assert event.actor.country == "YEM" and event.recipient.name
    assert event.acled.sub_event_type == "Agreement"


def test_claim_of_responsibility(code):
    events = code(
        "A car bomb exploded outside a hotel in Mogadishu on Monday, killing six people, "
        "police said.\n\n"
        "Al Shabaab said in a statement that it carried out the attack.",
        published=date(2025, 3, 4),
    )
    assert len(events) == 1
    assert events[0].actor.name is not None and "Shabaab" in events[0].actor.name
    assert events[0].claimed_by is not None


def test_evidence_offsets_point_into_the_text(pipeline):
    from eventwire.records import RawDocument

    text = (
        "Police detained two journalists in Minsk on Tuesday, a rights group said.\n\n"
        "The weather was mild."
    )
    result = pipeline.process(RawDocument("x", text, False, "t"), date(2025, 3, 5))
    [event] = result.events
    for evidence in event.evidence:
        assert result.article.text[evidence.start : evidence.end] == evidence.sentence


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Syria said it is willing to withdraw its troops from Lebanon.", "AGREE"),
        ("The rebels said they will release the captured Kenyan soldiers on Sunday.", "AGREE"),
        ("Nigeria will provide food aid to Niger next month, the ministry said.", "AGREE"),
        ("The army said it will shell rebel positions near Goma.", "THREATEN"),
        ("Iraq said it would not accept more refugees from Syria.", "REJECT"),
        ("Turkey refused to allow United Nations inspectors to enter the camp.", "REJECT"),
    ],
)
def test_intentions_and_refusals(code, text, expected):
    events = code(text)
    assert [e.type for e in events][:1] == [expected]


def test_content_of_a_demand_is_not_an_event(code):
    events = code("The opposition demanded that the government release political prisoners.")
    assert [e.type for e in events] == ["REQUEST"]


def test_recipient_of_a_verbal_act_from_a_partner_phrase(code):
    [event] = code("Lebanon complained to the United Nations about the raids on Tuesday.")
    assert event.type == "ACCUSE"
    assert event.actor.country == "LBN"
    assert event.recipient.country == "IGO"


def test_coordinated_victims_add_up(code):
    [event] = code(
        "Two civilians and six militants were killed when a bomb exploded in "
        "Taloqan on Monday, police said."
    )
    assert event.fatalities.count == 8


def test_coordinated_verbs_share_the_agent(code):
    [event] = code(
        "Three policemen were killed and eight were wounded by a Taliban-planted "
        "roadside bomb in Kunduz on Monday."
    )
    assert event.actor.name == "Taliban"
    assert (event.fatalities.count, event.injuries.count) == (3, 8)
    assert event.acled.sub_event_type == "Remote explosive/landmine/IED"


def test_a_partys_own_toll_is_a_claim(code):
    [event] = code(
        "The Taliban said their fighters killed 12 soldiers in an attack on a base "
        "in Ghazni on Monday.",
        published=date(2020, 3, 18),
    )
    assert event.fatalities.count == 12
    assert event.acled.fatalities == 0  # only the attacker reports the toll
    [other] = code(
        "Police said gunmen killed four soldiers in an attack on a base in Ghazni on Monday.",
        published=date(2020, 3, 18),
    )
    assert other.acled.fatalities == 4


def test_nominal_event_with_by_and_on(code):
    [event] = code(
        "An attack by Houthi fighters on a Saudi border post killed three soldiers "
        "on Monday, officials said."
    )
    assert (event.actor.name, event.recipient.country) == ("Houthis", "SAU")
    assert event.fatalities.count == 3


def test_possessive_nominal_event(code):
    [event] = code(
        "The army's offensive against ISWAP in Borno State on Tuesday killed 20 "
        "fighters, the military said."
    )
    assert event.actor.sector == "MIL" and event.actor.country == "NGA"
    assert event.location.admin1 == "Borno"


def test_relative_clause_and_apposition_do_not_hide_the_actor(code):
    [gunmen] = code(
        "Gunmen, who arrived on motorcycles, killed four villagers in Zamfara on "
        "Sunday, police said."
    )
    assert gunmen.actor.sector == "UAF" and gunmen.acled.sub_event_type == "Attack"
    [militants] = code(
        "The militants, members of al-Shabaab, attacked a police station in Mogadishu on Monday."
    )
    assert militants.actor.name == "al-Shabaab"


def test_the_militants_refers_back_to_the_named_group(code):
    events = code(
        "Al-Shabaab fighters attacked a military base near Kismayo on Monday. "
        "The militants killed five soldiers, a local official said."
    )
    assert len(events) == 1
    assert events[0].actor.name == "al-Shabaab" and events[0].fatalities.count == 5


def test_abduction_in_the_passive(code):
    [event] = code(
        "Three people were abducted by gunmen from a church in Kaduna on Sunday, police said."
    )
    assert (event.type, event.mode) == ("ASSAULT", "abduct")
    assert event.acled.sub_event_type == "Abduction/forced disappearance"


def test_weapon_named_beside_the_victims(code):
    [event] = code(
        "Mali's army said it had killed 30 jihadists in an air strike near Gao on Wednesday."
    )
    assert event.mode == "aerial" and event.actor.country == "MLI"
    assert event.acled.fatalities == 0  # the army's own toll of its enemies


def test_denial_is_not_the_denied_attack(code):
    events = code("Israel denied carrying out the strike on the building in Beirut.")
    assert [e.type for e in events] == ["REJECT"]


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("Teachers went on a nationwide strike in Nairobi on Monday over unpaid wages.", "strike"),
        ("Jailed opposition activists began a hunger strike in Minsk on Monday.", "hunger"),
    ],
)
def test_labour_and_hunger_strikes_are_protests(code, text, mode):
    [event] = code(text)
    assert (event.type, event.mode) == ("PROTEST", mode)


def test_nationality_does_not_make_a_tally(code):
    [event] = code("Palestinian riots against Israeli policies broke out in Hebron on Friday.")
    assert event.type == "PROTEST" and event.mode == "riot"


def test_would_in_reported_speech_is_an_intention(code):
    [event] = code("Iraq said it would allow United Nations inspectors to return.")
    assert event.type == "AGREE" and event.actor.country == "IRQ"


def test_a_possible_hostile_act_is_a_warning(code):
    [event] = code("The European Union may suspend aid to Mali, a spokesman said.")
    assert (event.type, event.mode) == ("THREATEN", "relations")


def test_must_makes_a_demand_of_the_subject(code):
    [event] = code("Britain said Libya must release the detained oil workers.")
    assert event.type == "REQUEST"
    assert (event.actor.country, event.recipient.country) == ("GBR", "LBY")


def test_must_is_a_demand_whatever_the_verb(code):
    [event] = code("A British minister said Libya must hand over the two suspects.")
    assert event.type == "REQUEST"
    assert (event.actor.country, event.recipient.country) == ("GBR", "LBY")


def test_an_indictment_can_be_told_by_whom_it_hit(code):
    [event] = code("Montenegro's prime minister has been indicted by a war crimes court.")
    assert event.type == "ACCUSE" and event.recipient.country == "MNE"


def test_a_repulsed_attack_is_the_attackers_event(code):
    [event] = code(
        "Twelve Taliban militants were killed when Afghan forces repulsed their "
        "attack in Kunduz on Saturday.",
        published=date(2020, 3, 23),
    )
    assert event.actor.name == "Taliban" and event.recipient.country == "AFG"
    assert event.fatalities.count == 12
    assert event.acled.inter1 == 2


def test_a_weapon_planted_by_a_group_names_the_attacker(code):
    [event] = code(
        "An IED planted by the Taliban destroyed an army truck in Helmand on "
        "Sunday, killing three soldiers.",
        published=date(2020, 3, 17),
    )
    assert event.actor.name == "Taliban" and event.mode == "explosives"
    assert event.acled.sub_event_type == "Remote explosive/landmine/IED"


def test_the_doer_of_a_when_clause(code):
    [event] = code(
        "Two soldiers were killed when Taliban militants fired a rocket at their "
        "vehicle in Kunduz on Monday.",
        published=date(2020, 3, 17),
    )
    assert event.actor.name == "Taliban" and event.fatalities.count == 2


def test_killed_in_a_raid_is_violence(code):
    [event] = code(
        "Fourteen militants were killed by Afghan forces raids in Uruzgan on Tuesday.",
        published=date(2020, 3, 17),
    )
    assert event.type == "ASSAULT" and event.actor.country == "AFG"


def test_shot_and_killed_counts_the_dead(code):
    [event] = code(
        "Two policemen were shot and killed by Taliban militants in Aqcha on Wednesday.",
        published=date(2020, 3, 12),
    )
    assert event.fatalities.count == 2 and event.actor.name == "Taliban"


def test_a_partys_figure_in_parentheses_is_an_aside(code):
    [event] = code(
        "Three policemen (two according to Taliban sources) were killed in an "
        "attack by Taliban militants in Farah on Thursday.",
        published=date(2020, 3, 20),
    )
    assert event.acled.fatalities == 3


def test_a_non_state_party_belongs_to_where_it_is(code):
    [event] = code("Opposition groups in Zimbabwe demanded that the president resign.")
    assert event.type == "REQUEST" and event.actor.country == "ZWE"


def test_a_leaders_stated_country_outranks_the_list(code):
    [event] = code("Georgian President Eduard Shevardnadze resigned on Sunday.")
    assert event.actor.country == "GEO"


def test_a_visit_is_directed_at_the_host_country(code):
    [event] = code(
        "Iraqi President Saddam Hussein arrived in Amman on an unannounced visit on Wednesday.",
        published=date(2001, 5, 3),
    )
    assert event.type == "CONSULT"
    assert (event.actor.country, event.recipient.country) == ("IRQ", "JOR")


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Students began a hunger strike on Monday to protest against Sweden's decision.", "SWE"),
        (
            "Refugees staged a sit-in in Oslo on Monday in protest of the Russian government's "
            "refusal to hear them.",
            "RUS",
        ),
        (
            "Thousands marched in Jakarta on Saturday to demand the resignation of President "
            "Suharto.",
            "IDN",
        ),
    ],
)
def test_a_protest_is_aimed_at_the_party_its_goal_names(code, text: str, country: str) -> None:
    event = next(e for e in code(text) if e.type == "PROTEST")
    assert event.recipient is not None and event.recipient.country == country


def test_a_threat_is_aimed_at_the_party_its_condition_names(code) -> None:
    events = [
        e
        for e in code("Iran threatened on Monday to launch a new offensive unless Iraq withdrew.")
        if e.type == "THREATEN"
    ]
    assert events and events[0].recipient is not None and events[0].recipient.country == "IRQ"


def test_an_act_promised_unless_the_other_side_yields_is_a_threat(code) -> None:
    events = code(
        "Kenya said on Monday it will withdraw its troops from Somalia unless the government "
        "pays them."
    )
    assert [e.type for e in events] == ["THREATEN"]


def test_accepting_demands_is_a_concession(code) -> None:
    (event,) = code("The government on Monday accepted demands from the rebels for reforms.")
    assert event.type == "CONCEDE"


def test_what_a_demand_asks_is_its_content_not_an_event(code) -> None:
    events = code(
        "The labour office on Monday repeated its demand that Israel ease restrictions on workers."
    )
    assert [e.type for e in events] == ["REQUEST"]
    assert events[0].recipient is not None and events[0].recipient.country == "ISR"


@pytest.mark.parametrize(
    ("text", "kind", "mode"),
    [
        ("Settlers set fire to a mosque in the village of Huwara on Monday.", "ASSAULT", "destroy"),
        ("Hackers defaced hundreds of government websites in Kenya on Monday.", "COERCE", "cyber"),
        ("Dock workers stopped work in Mombasa on Monday over unpaid wages.", "PROTEST", "strike"),
        ("The army reimposed a curfew on the town of Jenin on Monday.", "COERCE", "restrict"),
    ],
)
def test_more_acts_in_their_words(code, text: str, kind: str, mode: str) -> None:
    assert any(e.type == kind and e.mode == mode for e in code(text)), [
        (e.type, e.mode) for e in code(text)
    ]


def test_pressing_a_party_to_act_is_a_request(code) -> None:
    events = code("The government pressured the union on Monday to cancel the strike in Tehran.")
    assert any(e.type == "REQUEST" for e in events)


def test_agreeing_to_reopen_a_border_is_an_agreement(code) -> None:
    events = code("Ethiopia agreed on Monday to re-open its borders to UN peacekeepers.")
    assert [e.type for e in events] == ["AGREE"]
