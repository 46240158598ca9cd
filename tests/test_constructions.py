"""One original sentence (or two) for each construction the coder reads roles from: passives,
nominal events, coordination, appositions, relative clauses and references within an article."""

from __future__ import annotations

from datetime import date


def _only(events, kind: str):
    found = [e for e in events if e.type == kind]
    assert len(found) == 1, [(e.type, e.actor, e.recipient) for e in events]
    return found[0]


def test_passive_with_by(code) -> None:
    event = _only(code("A convoy was ambushed by Houthi fighters near Marib on Monday."), "ASSAULT")
    assert event.actor is not None and event.actor.name == "Houthis"


def test_nominal_event_by_x_on_y(code) -> None:
    event = _only(
        code("An attack by Boko Haram on a military base in Borno killed six soldiers on Monday."),
        "ASSAULT",
    )
    assert event.actor is not None and event.actor.country == "NGA"
    assert event.fatalities is not None and event.fatalities.count == 6


def test_possessive_nominal_event(code) -> None:
    event = _only(code("Israel's offensive in Gaza resumed on Monday, medics said."), "ASSAULT")
    assert event.actor is not None and event.actor.country == "ISR"


def test_coordinated_actors_keep_their_side(code) -> None:
    events = code("Police and soldiers raided a compound in Kano on Monday, arresting 12 men.")
    assert events and all(e.type == "COERCE" for e in events)
    assert all(e.actor and e.actor.sector in {"COP", "MIL"} for e in events)
    assert all(e.actor and e.actor.country == "NGA" for e in events)


def test_apposition_gives_the_role(code) -> None:
    events = code(
        "Amina Yusuf, the UN humanitarian coordinator, urged the warring parties in Sudan on "
        "Monday to open the roads to aid convoys."
    )
    event = _only(events, "REQUEST")
    assert event.actor is not None and event.actor.country == "IGO"


def test_relative_clause_history_is_no_event(code) -> None:
    events = code(
        "The rebels, who seized the town of Kidal in 2012, attacked an army convoy near Gao on "
        "Monday, killing three soldiers."
    )
    event = _only(events, "ASSAULT")
    assert event.date == date(2025, 3, 3)
    assert event.fatalities is not None and event.fatalities.count == 3


def test_she_added_points_at_the_last_speaker(code) -> None:
    events = code(
        "Troops killed five militants in a raid in Kunduz on Monday, army spokeswoman Farida "
        "Karimi said. She added that two soldiers were wounded in the raid."
    )
    event = _only(events, "ASSAULT")
    assert event.attribution is not None and "Karimi" in event.attribution.text
    assert event.injuries is not None and event.injuries.count == 2


def test_the_group_points_at_the_last_armed_group_named(code) -> None:
    events = code(
        "Al-Shabaab fighters attacked an army base in Lower Shabelle on Monday. "
        "The group said it had killed 10 soldiers."
    )
    event = _only(events, "ASSAULT")
    assert event.actor is not None and event.actor.name == "al-Shabaab"


def test_target_named_by_place_alone_is_the_host_country(code) -> None:
    event = _only(code("Gunmen fired rockets into the city of Kandahar on Monday."), "ASSAULT")
    assert event.recipient is not None and event.recipient.country == "AFG"
    assert event.recipient.sector is None  # a place's country, not a party


def test_target_of_unknown_kind_takes_the_country_it_is_in(code) -> None:
    event = _only(code("Gunmen ambushed the convoy in Ghazni province on Monday."), "ASSAULT")
    assert event.recipient is not None and event.recipient.text == "the convoy"
    assert event.recipient.country == "AFG"


def test_country_of_a_people_named_inside_the_target(code) -> None:
    event = _only(
        code("A camp for Somali refugees was attacked by militiamen on Tuesday, killing four."),
        "ASSAULT",
    )
    assert event.recipient is not None and event.recipient.country == "SOM"


def test_a_name_inside_a_longer_name_gives_no_country(code) -> None:
    assert code("Inter Milan attacked from the first whistle on Sunday.") == []


def test_recipient_of_an_act_named_by_a_noun(code) -> None:
    event = _only(
        code("Kenya paid compensation to 40 Somali traders on Monday, officials said."), "RETREAT"
    )
    assert event.recipient is not None and event.recipient.country == "SOM"


def test_recipient_is_whose_the_thing_is(code) -> None:
    event = _only(
        code("The minister conceded on Friday to demands from Ethiopian farmers."), "CONCEDE"
    )
    assert event.recipient is not None and event.recipient.country == "ETH"


def test_place_of_the_object_places_the_act(code) -> None:
    event = _only(code("Turkey has strengthened its forces in Syria, officials said."), "MOBILIZE")
    assert event.location is not None and event.location.country == "SYR"
    assert event.recipient is not None and event.recipient.country == "SYR"


def test_an_organisation_named_in_full_acts_though_unknown_to_the_dictionary(code) -> None:
    event = _only(
        code("The Coastal Fisheries Forum demanded on Monday that Chile close its trawling zones."),
        "REQUEST",
    )
    assert event.actor is not None and event.actor.text == "The Coastal Fisheries Forum"
    assert event.recipient is not None and event.recipient.country == "CHL"


def test_a_named_official_resigning_is_an_event(code) -> None:
    event = _only(code("Lt. Gen. Anatole Brusset resigned on Monday."), "RETREAT")
    assert event.actor is not None and event.actor.text.endswith("Anatole Brusset")


def test_declining_to_comment_is_no_rejection(code) -> None:
    assert code("The ministry declined to comment on the report on Tuesday.") == []


def test_the_mover_of_a_movement_noun_is_its_actor(code) -> None:
    event = _only(code("The withdrawal of Kenyan troops from Kismayo began on Monday."), "RETREAT")
    assert event.actor is not None and event.actor.country == "KEN"
    assert event.recipient is None or event.recipient.country == "SOM"


def test_a_possessive_pronoun_points_at_the_named_subject(code) -> None:
    event = _only(
        code("The Harbour Safety Board has opened its investigation into the Lagos port unions."),
        "ACCUSE",
    )
    assert event.actor is not None and event.actor.text == "its"


def test_an_attack_by_no_one_named_is_an_unidentified_armed_group_of_that_country(code) -> None:
    event = _only(
        code("A roadside bomb near the town of Baiji killed two Iraqi soldiers on Sunday."),
        "ASSAULT",
    )
    assert event.actor is not None and event.actor.sector == "UAF"
    assert event.actor.country == "IRQ"
    assert event.actor.text is None  # no words of the text name it: never the trigger word
    assert event.actor.name == "Unidentified Armed Group"
    assert event.acled is not None and event.acled.actor1 == "Unidentified Armed Group"


def test_a_people_of_a_place_belongs_to_that_place(code) -> None:
    event = _only(
        code("The Kurds of northern Syria demanded autonomy from Syrian authorities on Monday."),
        "REQUEST",
    )
    assert event.actor is not None and event.actor.country == "SYR"
    assert event.actor.sector == "ETH"


def test_a_threat_to_hold_an_act_is_one_threat_against_its_condition(code) -> None:
    events = code(
        "Farmers in Punjab threatened on Monday to hold a general strike unless the Indian "
        "government withdrew the new tariffs."
    )
    threats = [e for e in events if e.type == "THREATEN"]
    assert len(threats) == 1, [(e.type, e.recipient) for e in events]
    assert threats[0].recipient is not None and threats[0].recipient.country == "IND"


def test_forces_offered_are_no_recipient(code) -> None:
    event = _only(
        code("Kenya on Monday offered its troops to the Somali government, officials said."),
        "AGREE",
    )
    assert event.recipient is not None and event.recipient.country == "SOM"


def test_whom_an_act_is_done_to_in_its_purpose(code) -> None:
    event = _only(
        code("Kenyan police fired tear gas to disperse Somali traders in Nairobi on Monday."),
        "ASSAULT",
    )
    assert event.recipient is not None and event.recipient.country == "SOM"


def test_whose_crimes_an_investigation_looks_into(code) -> None:
    event = _only(
        code("Kenyan police have opened an investigation into killings committed by Somali gangs."),
        "ACCUSE",
    )
    assert event.recipient is not None and event.recipient.country == "SOM"


def test_a_stance_told_by_a_participle(code) -> None:
    event = _only(
        code("Ghana is opposed to Nigerian mediation in the dispute, an aide said."), "REJECT"
    )
    assert event.actor is not None and event.actor.country == "GHA"
    assert event.recipient is not None and event.recipient.country == "NGA"


def test_what_a_weapon_was_used_for_was_done(code) -> None:
    events = code("Kenyan riot police used tear gas to disperse students in Nairobi on Monday.")
    assert events and events[0].actor is not None and events[0].actor.country == "KEN"
    assert events[0].recipient is not None and events[0].recipient.text == "students"


def test_a_state_entered_with_on_or_under(code) -> None:
    alert = _only(code("Kenyan troops remained on alert in Mandera on Monday."), "MOBILIZE")
    assert alert.actor is not None and alert.actor.country == "KEN"
    probe = _only(
        code("A Ugandan businessman was put under investigation in Kenya on Monday."), "ACCUSE"
    )
    assert probe.recipient is not None and probe.recipient.country == "UGA"


def test_arriving_for_talks_is_a_meeting(code) -> None:
    event = _only(
        code("Sudanese and Chadian envoys returned to Doha on Monday for talks."), "CONSULT"
    )
    assert event.actor is not None and event.actor.country in {"SDN", "TCD"}


def test_a_foiled_attempt_is_still_an_attack(code) -> None:
    event = _only(
        code("An attempt to assassinate a Nigerian governor was foiled on Monday, police said."),
        "ASSAULT",
    )
    assert event.actor is None or event.actor.sector == "UAF"
    assert event.recipient is not None and event.recipient.country == "NGA"


def test_withdrawing_inspectors_is_a_sanction_and_promising_it_a_threat(code) -> None:
    done = _only(code("Kenya withdrew its election observers from Uganda on Monday."), "SANCTION")
    assert done.mode == "withdraw"
    threat = _only(code("Kenya said it will withdraw its aid workers from Uganda."), "THREATEN")
    assert threat.recipient is not None and threat.recipient.country == "UGA"
    troops = _only(code("Kenya withdrew its troops from Somalia on Monday."), "RETREAT")
    assert troops.mode == "withdraw"


def test_a_decision_is_the_act_decided(code) -> None:
    event = _only(
        code("Kenya's Supreme Court decided on Monday to allow the opposition leader to run."),
        "CONCEDE",
    )
    assert event.modality == "asserted"


def test_failing_to_agree_is_a_rejection(code) -> None:
    event = _only(
        code("Sudan and Chad failed to reach agreement on the border on Monday."), "REJECT"
    )
    assert event.actor is not None and event.actor.country in {"SDN", "TCD"}


def test_sending_inspectors_is_an_inspection(code) -> None:
    event = _only(code("The IAEA dispatched inspectors to a reactor in Iran on Monday."), "ACCUSE")
    assert event.mode == "investigate"
    assert event.recipient is not None and event.recipient.country == "IRN"


def test_a_suspension_announced_is_a_sanction(code) -> None:
    event = _only(code("Ghana announced a suspension of flights to Togo on Monday."), "SANCTION")
    assert event.actor is not None and event.actor.country == "GHA"


def test_forcing_an_organisation_out_is_an_expulsion(code) -> None:
    event = _only(
        code("Kenya forced the UN refugee agency out of the country on Monday."), "SANCTION"
    )
    assert event.mode == "expel"
    assert event.recipient is not None and event.recipient.country == "IGO"
    people = _only(code("Kenya forced 300 Somali traders out of Nairobi on Monday."), "COERCE")
    assert people.mode == "deport"


def test_an_act_ordered_is_done_by_the_one_who_ordered_it(code) -> None:
    event = _only(
        code("The governor of Kano ordered patrols by police and soldiers after the riots."),
        "MOBILIZE",
    )
    assert event.actor is not None and event.actor.text.startswith("The governor")
    assert event.recipient is None or event.recipient.sector not in {"COP", "MIL"}


def test_violating_a_ban_defies_it(code) -> None:
    event = _only(
        code("A Beirut newspaper violated a ban by the Lebanese army on Monday."), "REJECT"
    )
    assert event.actor is not None and event.actor.sector == "JRN"
    assert event.recipient is not None and event.recipient.country == "LBN"


def test_a_country_named_in_the_possessive_is_what_the_story_is_about(code) -> None:
    event = _only(
        code("The main rebel group demanded on Monday that Chad's government free its leaders."),
        "REQUEST",
    )
    assert event.actor is not None and event.actor.sector == "REB"
    assert event.actor.country == "TCD"


def test_the_doer_of_an_act_told_after_a_preposition(code) -> None:
    event = _only(
        code("Sudanese troops are guilty of violating the ceasefire in Darfur, monitors said."),
        "ASSAULT",
    )
    assert event.actor is not None and event.actor.country == "SDN"


def test_an_accusation_is_directed_at_the_accused_not_the_audience(code) -> None:
    event = _only(
        code("Chad complained to the African Union on Monday over Sudanese air raids."), "ACCUSE"
    )
    assert event.recipient is not None and event.recipient.country == "SDN"


def test_who_speeds_up_a_withdrawal_does_it(code) -> None:
    event = _only(
        code("Kenya began the withdrawal of its forces from Somalia on Monday."), "RETREAT"
    )
    assert event.actor is not None and event.actor.country == "KEN"


def test_a_duty_laid_through_an_adjective_is_a_demand(code) -> None:
    event = _only(
        code("Kenya's president said the United States must be ready to mediate in Sudan."),
        "REQUEST",
    )
    assert event.actor is not None and event.actor.country == "KEN"
    assert event.recipient is not None and event.recipient.country == "USA"


def test_up_to_a_number_is_the_object_counted(code) -> None:
    event = _only(code("Rebels kidnapped up to 16 Chinese engineers in Kivu on Monday."), "ASSAULT")
    assert event.recipient is not None and event.recipient.country == "CHN"


def test_an_arrest_by_no_one_named_is_by_the_police_where_it_was_made(code) -> None:
    event = _only(
        code("A British aid worker from Leeds was arrested in Kenya on Monday."), "COERCE"
    )
    assert event.actor is not None and event.actor.sector == "COP"
    assert event.actor.country == "KEN" and event.location is not None
    assert event.location.country == "KEN"  # "from Leeds" is where the worker comes from


def test_a_military_rank_abbreviation_types_the_person(code) -> None:
    event = _only(code("Lt. Gen. Anatole Brusset resigned on Monday in Haiti."), "RETREAT")
    assert event.actor is not None and event.actor.sector == "MIL"
    assert event.actor.country == "HTI"


def test_a_compass_word_does_not_hide_the_country(code) -> None:
    event = _only(
        code("Ethiopian troops retook a village in Western Somalia on Monday."), "ASSAULT"
    )
    assert event.recipient is not None and event.recipient.country == "SOM"


def test_sending_troops_is_a_mobilisation(code) -> None:
    event = _only(code("Rwanda sent 500 troops to Mozambique on Monday."), "MOBILIZE")
    assert event.actor is not None and event.actor.country == "RWA"
    assert event.recipient is not None and event.recipient.country == "MOZ"


def test_an_anti_x_target_is_not_of_x(code) -> None:
    event = _only(code("Gunmen killed an anti-Syria journalist in Beirut on Monday."), "ASSAULT")
    assert event.recipient is not None and event.recipient.country == "LBN"


def test_the_other_side_of_talks_a_concession_followed(code) -> None:
    event = _only(
        code(
            "The Kenyan teachers' union called off its strike on Monday after talks with the "
            "Kenyan government."
        ),
        "CONCEDE",
    )
    assert event.recipient is not None and event.recipient.sector == "GOV"


def test_mediation_among_parties_is_directed_at_them(code) -> None:
    event = _only(
        code("The African Union halted mediation efforts among Sudan's rival factions."),
        "SANCTION",
    )
    assert event.recipient is not None and event.recipient.country == "SDN"


def test_opening_fire_to_disperse_a_crowd_disperses_it(code) -> None:
    events = code("Kenyan police opened fire to disperse students in Nairobi on Monday.")
    assert any(e.recipient is not None and e.recipient.text == "students" for e in events)


def test_whom_an_act_is_for_in_its_purpose(code) -> None:
    event = _only(code("Norway said it will send equipment to help defend Lithuania."), "AGREE")
    assert event.recipient is not None and event.recipient.country == "LTU"


def test_what_an_invitation_asks_for_names_its_party(code) -> None:
    event = _only(
        code("Hamas rejected an invitation to attend a meeting of Palestinian factions."),
        "REJECT",
    )
    assert event.recipient is not None and event.recipient.country == "PSE"


def test_those_hit_by_an_act_a_casualty_clause_follows(code) -> None:
    event = _only(
        code("Ethiopian forces launched rocket fire against Eritrean camps, killing 12."),
        "ASSAULT",
    )
    assert event.recipient is not None and event.recipient.country == "ERI"


def test_a_riot_after_a_rally_demanding_a_resignation_is_aimed_at_it(code) -> None:
    events = code(
        "Kenyan students rioted following a rally calling for the removal of President Ruto."
    )
    riot = next(e for e in events if e.type == "PROTEST")
    assert riot.recipient is not None and riot.recipient.country == "KEN"


def test_where_a_target_is_comes_from_the_event_place_not_a_fragment_of_it(code) -> None:
    event = _only(
        code("Gunmen stormed a police checkpoint in Dera Ismail Khan district in Pakistan."),
        "ASSAULT",
    )
    assert event.recipient is not None and event.recipient.country == "PAK"


def test_a_place_the_gazetteer_lacks_is_kept_in_the_story_country(code) -> None:
    events = code(
        "Taliban militants attacked an Afghan army post in Qarabagh-e Sufla village on Monday. "
        "The Taliban later claimed the attack."
    )
    event = next(e for e in events if e.type == "ASSAULT")
    assert event.location is not None and event.location.country == "AFG"
    assert event.location.precision == "country" and "Qarabagh" in event.location.text


def test_a_capital_attacked_is_the_place_as_well_as_the_target(code) -> None:
    """ "shelled Kabul": the city is where it happened; the capital stays the target, as PLOVER
    codes a capital attacked ("blockade Paris")."""
    event = _only(code("Rebels shelled Kabul on Monday, killing two civilians."), "ASSAULT")
    assert event.location is not None
    assert (event.location.name, event.location.precision) == ("Kabul", "exact")
    assert event.recipient is not None and event.recipient.country == "AFG"


def test_a_date_of_report_is_kept_with_a_week_s_precision(code) -> None:
    """ "As reported on 4 March": the day it was known, not the day it happened; ACLED keeps
    the day with its time precision 2."""
    reported = _only(
        code("As reported on 4 March 2025, gunmen killed two policemen in Kano."), "ASSAULT"
    )
    told = _only(code("On 4 March 2025, gunmen killed two policemen in Kano."), "ASSAULT")

    assert reported.date == told.date == date(2025, 3, 4)
    assert (reported.date_precision, told.date_precision) == ("week", "day")
    assert reported.acled is not None and reported.acled.time_precision == 2
    assert told.acled is not None and told.acled.time_precision == 1


def test_an_apposition_tells_which_namesake_place(code) -> None:
    """ "Tripoli, the north Lebanese port": Lebanon's Tripoli, though Libya's is the larger and
    a capital; the city attacked is the target, of the place's country."""
    event = _only(
        code("Syrian troops shelled Tripoli, the north Lebanese port, on Tuesday, killing four."),
        "ASSAULT",
    )
    assert event.location is not None and event.location.country == "LBN"
    assert event.recipient is not None and event.recipient.country == "LBN"


def test_shot_dead_counts_the_dead(code) -> None:
    (event,) = code("Soldiers shot dead 40 protesters in Bamako on Tuesday.")
    assert event.fatalities is not None and event.fatalities.count == 40


def test_the_day_a_source_spoke_dates_the_report_not_the_event(code) -> None:
    (event,) = code("Soldiers shot dead 40 protesters in Bamako, the military said on Wednesday.")
    assert (event.date_text, event.date_precision) == ("Wednesday", "week")


def test_a_date_is_read_as_written_whatever_the_tokens(code) -> None:
    """ "On November 20, 2019": the year after the comma belongs to the date, so it needs no
    publication day to resolve."""
    (event,) = code(
        "On November 20, 2019, a soldier shot and killed a driver outside the base in Mtongwe.",
        published=None,
    )
    assert (event.date, event.date_precision) == (date(2019, 11, 20), "day")
    assert event.date_text == "November 20, 2019"


def test_an_undated_report_dates_its_event_to_the_day_it_was_published(code) -> None:
    """No day in the text: it happened on the day of the report or in the days before (ACLED's
    time precision 2); with no publication day, no date at all."""
    text = "Gunmen killed five traders at a cattle market in Dikwa, residents said."
    (event,) = code(text, published=date(2025, 3, 5))
    assert (event.date, event.date_precision, event.date_text) == (date(2025, 3, 5), "week", None)
    assert event.acled is not None and event.acled.time_precision == 2
    (undated,) = code(text, published=None)
    assert (undated.date, undated.date_precision) == (None, None)


LEAD = "Gunmen opened fire at a market in northeastern Nigeria on Monday, killing 18 people."


def test_a_country_wide_event_takes_the_one_town_the_story_names_there(code) -> None:
    """The lead gives only the country; the next sentence says where, and is evidence of it."""
    (event,) = code(
        LEAD + " Witnesses in the town of Dikwa said the gunmen fled after the shooting."
    )
    assert event.location is not None
    assert (event.location.name, event.location.precision) == ("Dikwa", "exact")
    assert [e.sentence.split()[0] for e in event.evidence] == ["Gunmen", "Witnesses"]


def test_a_story_naming_several_towns_leaves_the_event_at_the_country(code) -> None:
    (event,) = code(
        LEAD + " Witnesses in Dikwa and Maiduguri said the gunmen fled after the shooting."
    )
    assert event.location is not None and event.location.precision == "country"


def test_a_described_plural_is_one_event_a_counted_one_a_tally(code) -> None:
    event = _only(
        code("Inter-clan clashes took place near Moyale on Monday, leaving four people dead."),
        "ASSAULT",
    )
    assert event.fatalities is not None and event.fatalities.count == 4
    assert not code("Several clashes took place near Moyale in recent years, elders said.")


def test_the_toll_an_attack_leaves(code) -> None:
    event = _only(
        code("Gunmen attacked a bus near Gao on Monday, leaving 12 passengers dead."), "ASSAULT"
    )
    assert event.fatalities is not None and event.fatalities.count == 12
    event = _only(
        code("Bandits attacked a market in Gusau on Monday, leaving 20 injured."), "ASSAULT"
    )
    assert event.injuries is not None and event.injuries.count == 20


def test_a_verb_the_parser_hung_on_a_noun_still_tells_its_act(code) -> None:
    event = _only(
        code("Gunmen riding on motorbikes shot dead five traders in Kano on Tuesday."), "ASSAULT"
    )
    assert event.actor is not None and event.actor.text == "Gunmen"
    assert event.fatalities is not None and event.fatalities.count == 5
    # parsed as "gunmen (riding on motorbikes shot ...)", with no finite verb
    text = "Suspected Islamist gunmen riding on motorbikes shot dead five people in Kano."
    event = _only(code(text), "ASSAULT")
    assert event.actor is not None and event.actor.text == "Suspected Islamist gunmen"
    assert event.fatalities is not None and event.fatalities.count == 5


def test_the_dead_and_the_wounded_each_with_their_own_verb(code) -> None:
    event = _only(
        code("Five people died and 12 others were injured in clashes near Bor on Saturday."),
        "ASSAULT",
    )
    assert (event.fatalities.count, event.injuries.count) == (5, 12)


def test_an_act_reported_at_second_hand_is_not_an_aim(code) -> None:
    event = _only(
        code("About 20 villagers are believed to have been killed near Bokkos on Monday."),
        "ASSAULT",
    )
    assert event.fatalities is not None and event.fatalities.count == 20
    assert event.modality == "asserted"


def test_a_wave_of_bombings_is_no_natural_cause(code) -> None:
    event = _only(
        code("A wave of bombings across Baghdad killed at least 30 people on Monday."), "ASSAULT"
    )
    assert event.fatalities is not None and event.fatalities.count == 30
    assert not code("A heat wave killed 12 people in Karachi on Monday.")
