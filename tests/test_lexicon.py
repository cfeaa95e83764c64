"""The event lexicon, type by type, on sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from newswire.knowledge.lexicon import EVENT_TYPES, LexiconError, inflections, load_lexicon, load_plover

CASES = [
    # AGREE
    ("AGREE", "Ethiopia and Eritrea agreed to reopen their shared border crossings."),
    ("AGREE", "Norway offered to host a new round of peace negotiations."),
    # CONSULT
    ("CONSULT", "The Chinese foreign minister met with his Indian counterpart in Moscow on Thursday."),
    ("CONSULT", "President Macron visited Algeria last week."),
    ("CONSULT", "Delegations from Sudan and South Sudan held talks in Addis Ababa."),
    # SUPPORT
    ("SUPPORT", "The European Union praised Kenya's handling of the election."),
    ("SUPPORT", "Japan and Vietnam signed a maritime security agreement in Hanoi."),
    ("SUPPORT", "Bahrain established diplomatic ties with Israel."),
    # CONCEDE
    ("CONCEDE", "The government lifted the curfew in the northern province."),
    ("CONCEDE", "The president pardoned 200 political prisoners."),
    # COOPERATE
    ("COOPERATE", "Kenya extradited two suspected smugglers to Tanzania."),
    ("COOPERATE", "Colombia has been sharing intelligence with Ecuador on drug cartels."),
    # AID
    ("AID", "Germany donated medical supplies to hospitals in Lebanon."),
    ("AID", "Canada granted asylum to three Afghan journalists."),
    # RETREAT
    ("RETREAT", "The rebels released 30 hostages on Friday."),
    ("RETREAT", "Armenian forces withdrew from the disputed district."),
    ("RETREAT", "The prime minister resigned after the vote."),
    # REQUEST
    ("REQUEST", "Amnesty International demanded an independent inquiry into the shootings."),
    ("REQUEST", "The envoy urged both sides to return to the negotiating table."),
    # ACCUSE
    ("ACCUSE", "Pakistan accused India of violating the ceasefire."),
    ("ACCUSE", "The Arab League condemned the bombing of the hospital."),
    ("ACCUSE", "Prosecutors opened an investigation into the minister's finances."),
    # REJECT
    ("REJECT", "Hamas rejected the Egyptian truce proposal."),
    ("REJECT", "The opposition refused to join the unity government."),
    # THREATEN
    ("THREATEN", "North Korea threatened to launch a preemptive strike against South Korea."),
    ("THREATEN", "The miners' union issued an ultimatum to the government."),
    # PROTEST
    ("PROTEST", "Thousands of students demonstrated in Santiago against tuition fees."),
    ("PROTEST", "Farmers blocked the main highway into the capital."),
    ("PROTEST", "Jailed activists began a hunger strike on Monday."),
    # SANCTION
    ("SANCTION", "The United States imposed sanctions on Venezuela's oil company."),
    ("SANCTION", "Morocco recalled its ambassador from Germany."),
    ("SANCTION", "Britain suspended military aid to Myanmar."),
    # MOBILIZE
    ("MOBILIZE", "Russia deployed thousands of troops along the Ukrainian border."),
    ("MOBILIZE", "The army put its units on high alert after the incident."),
    # COERCE
    ("COERCE", "Police arrested twelve opposition activists in Minsk."),
    ("COERCE", "The junta imposed a nationwide curfew."),
    ("COERCE", "Authorities banned the main opposition party."),
    # ASSAULT
    ("ASSAULT", "Gunmen attacked a police station in Borno state on Saturday."),
    ("ASSAULT", "A suicide bomber killed 14 people at a market in Kabul."),
    ("ASSAULT", "Militants kidnapped two aid workers near Gao."),
    ("ASSAULT", "Israeli jets struck targets in Gaza overnight."),
]


@pytest.mark.parametrize(("etype", "text"), CASES, ids=[f"{t}-{i}" for i, (t, _) in enumerate(CASES)])
def test_lexicon_type(analyze, etype, text):
    rec = analyze(text)
    types = [e.type for e in rec.events]
    assert etype in types, (text, [(e.type, e.rule) for e in rec.events])


def test_every_type_is_covered():
    assert {t for t, _ in CASES} == set(EVENT_TYPES)
    lex = load_lexicon()
    lex_types = {
        e.type for entries in list(lex.verbs.values()) + list(lex.nouns.values()) for e in entries if e.type
    }
    assert lex_types == set(EVENT_TYPES)


def test_every_mode_exists_in_plover():
    types, _ = load_plover()
    lex = load_lexicon()
    for entries in list(lex.verbs.values()) + list(lex.nouns.values()):
        for e in entries:
            if e.type and e.mode:
                assert e.mode in types[e.type].modes, e.key


def test_plover_table():
    types, comp = load_plover()
    assert types["ASSAULT"].quad == 4 and types["AGREE"].quad == 1
    assert types["COOPERATE"].quad == 2 and types["THREATEN"].quad == 3
    assert types["ASSAULT"].cameo_for("abduct") == "181"
    assert types["COERCE"].cameo_for("arrest") == "173"
    assert types["AID"].future_as == "AGREE" and types["RETREAT"].future_as == "AGREE"
    assert types["ASSAULT"].future_as == "THREATEN" and types["MOBILIZE"].future_as is None
    assert comp["THREATEN"]["ASSAULT"] == "violence"


def test_inflections():
    assert {"stages", "staged", "staging"} <= inflections("stage", "verb")
    assert {"shells", "shelled", "shelling"} <= inflections("shell", "verb")
    assert "ties" in inflections("tie", "noun")


def test_rule_names():
    lex = load_lexicon()
    rules = {e.rule for e in lex.verbs["meet"]}
    assert "verb:meet+with" in rules


def test_user_lexicon(tmp_path: Path, nlp):
    import newswire

    f = tmp_path / "mine.yaml"
    f.write_text("verbs:\n  torpedo +@talks: REJECT/meet\n", encoding="utf-8")
    lex = load_lexicon((str(f),))
    assert any(e.rule == "verb:torpedo+@talks" for e in lex.verbs["torpedoed"])
    custom = newswire.pipeline(exclude=("newswire_events",))
    custom.add_pipe("newswire_events", config={"lexicon_files": [str(f)]})
    rec = newswire.analyze(
        "Hardliners torpedoed the peace talks with Colombia.", published="2021-05-02", nlp=custom
    )
    reject = [e for e in rec.events if e.type == "REJECT"]
    assert reject and reject[0].rule == "verb:torpedo+@talks"


def test_bad_lexicon(tmp_path: Path):
    f = tmp_path / "bad.yaml"
    f.write_text("verbs:\n  zap: EXPLODE\n", encoding="utf-8")
    with pytest.raises(LexiconError):
        load_lexicon((str(f),))
