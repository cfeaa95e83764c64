"""newswire_quotes: quotation marks, reported speech and speakers, on sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newswire.components.quotes import find_quote_spans
from newswire.evaluate.quotes import Attribution, Scores, gold_kind, score_document


def _quotes(nlp: Any, text: str) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    doc = nlp(text)
    return doc._.newswire_quotes, {a["id"]: a for a in doc._.newswire_actors}


def _with_actors(nlp: Any, text: str, actors: list[dict[str, Any]]) -> Any:
    """Run the pipeline with a fixed actors list instead of the actors component."""
    doc = nlp.make_doc(text)
    doc._.newswire_actors = [dict(a) for a in actors]
    for name, proc in nlp.pipeline:
        if name in ("newswire_actors", "newswire_events"):
            continue
        doc = proc(doc)
    return doc


def _person(actor_id: str, name: str, start: int) -> dict[str, Any]:
    return {
        "id": actor_id,
        "name": name,
        "kind": "person",
        "country": None,
        "sector": None,
        "title": None,
        "kb_id": None,
        "mentions": [[start, start + len(name)]],
    }


def _marked(text: str) -> list[str]:
    return [text[s:e] for s, e in find_quote_spans(text)]


# ---------------------------------------------------------------- quote marks


@pytest.mark.parametrize(
    "text, expected",
    [
        ('He said "we are ready" and left.', ['"we are ready"']),
        ("He said “we are ready” and left.", ["“we are ready”"]),
        ("Er sagte „wir sind bereit“ und ging.", ["„wir sind bereit“"]),
        ("Il a dit « nous sommes prêts » hier.", ["« nous sommes prêts »"]),
        ("Sie sagte »wir sind bereit« gestern.", ["»wir sind bereit«"]),
        ("The crowd chanted 'no more war' outside.", ["'no more war'"]),
        ("The crowd chanted ‘no more war’ outside.", ["‘no more war’"]),
    ],
)
def test_quote_mark_styles(text: str, expected: list[str]) -> None:
    assert _marked(text) == expected


def test_apostrophes_are_not_quotes() -> None:
    assert _marked("The minister’s aides didn't comment on the voters’ mood.") == []


def test_nested_quotes_stay_inside() -> None:
    text = "“They told us ‘go home’ and we did,” she said."
    assert _marked(text) == ["“They told us ‘go home’ and we did,”"]


def test_british_style_single_outside_double() -> None:
    text = "He said ‘they told us “go home” and we went’ before dawn."
    assert _marked(text) == ["‘they told us “go home” and we went’"]


def test_quote_continues_over_paragraphs() -> None:
    text = (
        "“We have waited for years and nothing has changed.\n\n“Now we will act on our own,” the mayor said."
    )
    spans = find_quote_spans(text)
    assert len(spans) == 1
    assert text[spans[0][0] : spans[0][1]].endswith("on our own,”")


def test_unclosed_quote_ends_with_its_paragraph() -> None:
    text = "“We have waited for years.\n\nThe mayor left early."
    assert _marked(text) == ["“We have waited for years."]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab ,.\n\"“”„«»‘’'", max_size=60))
def test_quote_spans_are_ordered_and_inside_the_text(text: str) -> None:
    spans = find_quote_spans(text)
    last = 0
    for start, end in spans:
        assert last <= start < end <= len(text)
        last = end


def test_odd_inputs_do_not_break_the_component(nlp: Any) -> None:
    for text in ["", "“", '"\n\n"', "He said.", "“a” “b” “c”", "According to", "Q: A:"]:
        doc = nlp(text)
        for q in doc._.newswire_quotes:
            assert 0 <= q["start"] <= q["end"] <= len(text)


# ---------------------------------------------------------------- direct quotes


def test_speaker_after_the_quote(nlp: Any) -> None:
    quotes, actors = _quotes(
        nlp, "“We will not withdraw our troops from the border,” the defense minister said."
    )
    assert len(quotes) == 1
    q = quotes[0]
    assert q["kind"] == "direct"
    assert q["text"] == "“We will not withdraw our troops from the border,”"
    assert q["cue"]["text"] == "said"
    speaker = actors[q["speaker"]]
    assert "minister" in speaker["name"].lower()


def test_speaker_before_the_quote_with_colon(nlp: Any) -> None:
    text = 'A spokesperson for the ministry told reporters: "The talks are over for now."'
    quotes, _actors = _quotes(nlp, text)
    assert len(quotes) == 1
    assert quotes[0]["kind"] == "direct"
    assert quotes[0]["text"] == '"The talks are over for now."'
    assert quotes[0]["cue"]["text"] == "told"
    assert quotes[0]["speaker"] is not None


def test_speaker_in_the_middle_joins_both_halves(nlp: Any) -> None:
    text = "“We will not back down,” the governor said, “and we expect the courts to agree with us.”"
    quotes, _ = _quotes(nlp, text)
    assert len(quotes) == 1
    q = quotes[0]
    assert q["kind"] == "direct"
    assert q["start"] == 0 and q["end"] == len(text)
    assert q["text"] == "“We will not back down,” … “and we expect the courts to agree with us.”"


def test_long_attribution_in_the_middle(nlp: Any) -> None:
    text = (
        '"The risk," said Anna Berg, an economist who advises the central bank, '
        '"is that prices keep rising through the winter."'
    )
    quotes, _ = _quotes(nlp, text)
    assert len(quotes) == 1
    assert quotes[0]["text"] == '"The risk," … "is that prices keep rising through the winter."'


def test_quote_then_attribution_with_a_trailing_clause(nlp: Any) -> None:
    text = "“He never paid the loans back,” the senator said as some in the audience booed."
    quotes, _ = _quotes(nlp, text)
    assert [q["text"] for q in quotes] == ["“He never paid the loans back,”"]


def test_two_apostrophes_as_quote_marks() -> None:
    text = "''We will rebuild the bridge,'' the mayor said. She called it ''a priority.''"
    assert _marked(text) == ["''We will rebuild the bridge,''", "''a priority.''"]


def test_following_quote_in_the_paragraph_continues(nlp: Any) -> None:
    text = (
        "“The ceasefire is holding in most districts,” the general said on Monday. "
        "“We expect the last checkpoints to open by Friday.”"
    )
    quotes, _ = _quotes(nlp, text)
    assert len(quotes) == 1
    assert quotes[0]["end"] == len(text)


def test_guillemets_and_single_quotes(nlp: Any) -> None:
    quotes, _ = _quotes(nlp, "The senator said: «We will never accept this budget as it stands.»")
    assert [q["kind"] for q in quotes] == ["direct"]
    quotes, _ = _quotes(nlp, "A police officer said: 'The crowd was peaceful until midnight.'")
    assert [q["kind"] for q in quotes] == ["direct"]


def test_quote_paragraph_after_a_quote_continues_it(nlp: Any) -> None:
    text = (
        "“Our harvest failed twice this year,” farmer Maria Lopez told the newspaper.\n\n"
        "“Without help from the government we will lose the farm before winter.”"
    )
    quotes, _ = _quotes(nlp, text)
    assert len(quotes) == 1
    q = quotes[0]
    assert q["kind"] == "direct" and q["speaker"] is not None
    assert q["end"] == len(text)
    assert q["text"].endswith("… “Without help from the government we will lose the farm before winter.”")


def test_colon_introduces_a_quotation_paragraph(nlp: Any) -> None:
    text = (
        "The foreign minister released a short statement:\n\n"
        "“We condemn the attack on the embassy and call for calm.”"
    )
    quotes, _ = _quotes(nlp, text)
    assert len(quotes) == 1
    assert quotes[0]["kind"] == "direct"
    assert quotes[0]["cue"]["text"] == "released"
    assert quotes[0]["speaker"] is not None


def test_headline_with_a_name_and_colon(nlp: Any) -> None:
    doc = _with_actors(nlp, "Erdogan: ‘We Will Not Open the Border’\n\nThe president spoke in Ankara.", [])
    quotes = doc._.newswire_quotes
    assert len(quotes) == 1
    assert quotes[0]["text"] == "‘We Will Not Open the Border’"
    assert quotes[0]["cue"]["text"] == ":"


def test_quotation_after_a_verb_like_continued(nlp: Any) -> None:
    text = "“The ceasefire will hold,” the envoy continued."
    quotes, _ = _quotes(nlp, text)
    assert [q["cue"]["text"] for q in quotes] == ["continued"]
    text = "The opposition leader called the budget “a gift to the banks.”"
    quotes, _ = _quotes(nlp, text)
    assert [q["text"] for q in quotes] == ["the budget “a gift to the banks.”"]


# ---------------------------------------------------------------- partial and indirect


def test_partial_quote_covers_the_reported_clause(nlp: Any) -> None:
    text = 'Without "real progress" in negotiations, he said, "their seizure of the port will continue."'
    quotes, _ = _quotes(nlp, text)
    assert len(quotes) == 1
    q = quotes[0]
    assert q["kind"] == "partial"
    assert q["text"].startswith('Without "real progress"')
    assert q["text"].endswith('continue."')


def test_indirect_speech_with_that_clause(nlp: Any) -> None:
    text = "The ministry said in a statement that it would retaliate against any incursion."
    quotes, actors = _quotes(nlp, text)
    assert len(quotes) == 1
    q = quotes[0]
    assert q["kind"] == "indirect"
    assert q["text"] == "that it would retaliate against any incursion"
    assert q["cue"]["text"] == "said"
    assert "ministry" in actors[q["speaker"]]["name"].lower()


@pytest.mark.parametrize("verb", ["warned", "claimed", "insisted", "argued", "noted", "announced", "denied"])
def test_cue_verbs(nlp: Any, verb: str) -> None:
    text = f"The opposition leader {verb} that the election results had been falsified."
    quotes, _ = _quotes(nlp, text)
    assert len(quotes) == 1
    assert quotes[0]["cue"]["text"] == verb
    assert quotes[0]["text"] == "that the election results had been falsified"


def test_date_after_the_cue_is_not_content(nlp: Any) -> None:
    text = "Defense officials said Tuesday the army will hold joint drills near the border."
    quotes, _ = _quotes(nlp, text)
    assert [q["text"] for q in quotes] == ["the army will hold joint drills near the border"]


def test_trailing_and_parenthetical_attribution(nlp: Any) -> None:
    quotes, _ = _quotes(nlp, "The economy is recovering faster than expected, officials said on Tuesday.")
    assert [q["text"] for q in quotes] == ["The economy is recovering faster than expected"]
    quotes, _ = _quotes(nlp, "The new border crossing, the minister said, will open in March.")
    assert len(quotes) == 1
    assert quotes[0]["text"].startswith("The new border crossing")
    assert quotes[0]["text"].endswith("will open in March")


def test_according_to(nlp: Any) -> None:
    text = "According to a senior official, the talks collapsed on Monday after a dispute over water rights."
    quotes, actors = _quotes(nlp, text)
    assert len(quotes) == 1
    q = quotes[0]
    assert q["cue"]["text"] == "According to"
    assert q["text"] == "the talks collapsed on Monday after a dispute over water rights"
    speaker = actors[q["speaker"]]
    assert speaker["kind"] == "anonymous"
    assert speaker["name"] == "a senior official"
    assert speaker["sector"] == "GOV"


def test_stance_attitude_and_noun_cues(nlp: Any) -> None:
    quotes, _ = _quotes(nlp, "The opposition leader criticized the new pension reform in parliament.")
    assert [q["text"] for q in quotes] == ["the new pension reform"]
    quotes, _ = _quotes(nlp, "Farm groups are confident that the harvest will recover next year.")
    assert [q["text"] for q in quotes] == ["that the harvest will recover next year"]
    quotes, _ = _quotes(nlp, "The minister repeated his claim that the strike had been planned abroad.")
    assert [(q["text"], q["cue"]["text"]) for q in quotes] == [
        ("that the strike had been planned abroad", "claim")
    ]


def test_first_person_speaker_is_not_guessed(nlp: Any) -> None:
    doc = _with_actors(
        nlp, "Maria Lopez left early. I said the vote had been postponed.", [_person("a1", "Maria Lopez", 0)]
    )
    assert [q["speaker"] for q in doc._.newswire_quotes] == [None]


def test_plain_narration_has_no_quotes(nlp: Any) -> None:
    quotes, _ = _quotes(nlp, "Troops crossed the river at dawn and shelled the town for three hours.")
    assert quotes == []


# ---------------------------------------------------------------- speakers


def test_anonymous_speaker_is_reused(nlp: Any) -> None:
    text = (
        "A senior official said the bridge would reopen next week. "
        "The senior official also said that repairs would cost more than planned."
    )
    doc = _with_actors(nlp, text, [])
    quotes, actors = doc._.newswire_quotes, {a["id"]: a for a in doc._.newswire_actors}
    assert len(quotes) == 2
    assert quotes[0]["speaker"] == quotes[1]["speaker"]
    speaker = actors[quotes[0]["speaker"]]
    assert speaker["kind"] == "anonymous" and speaker["sector"] == "GOV"
    assert len(speaker["mentions"]) == 2


def test_anonymous_speaker_takes_the_country_of_a_demonym(nlp: Any) -> None:
    text = "Russian defense officials said the drills would start on Friday."
    russia = {
        "id": "a1",
        "name": "Russia",
        "kind": "state",
        "country": "RUS",
        "sector": None,
        "title": None,
        "kb_id": None,
        "mentions": [[0, 7]],
    }
    doc = _with_actors(nlp, text, [russia])
    q = doc._.newswire_quotes[0]
    speaker = next(a for a in doc._.newswire_actors if a["id"] == q["speaker"])
    assert speaker["kind"] == "anonymous"
    assert speaker["country"] == "RUS" and speaker["sector"] == "MIL"


def test_pronoun_speaker_falls_back_to_the_last_person(nlp: Any) -> None:
    doc = _with_actors(
        nlp,
        "Maria Lopez arrived late. She said the vote had been postponed until June.",
        [_person("a1", "Maria Lopez", 0)],
    )
    assert [q["speaker"] for q in doc._.newswire_quotes] == ["a1"]


def test_speaker_uses_the_actor_index(nlp: Any) -> None:
    doc = _with_actors(
        nlp,
        "Maria Lopez said the harvest had failed for the second year.",
        [_person("a1", "Maria Lopez", 0)],
    )
    assert [q["speaker"] for q in doc._.newswire_quotes] == ["a1"]
    assert len(doc._.newswire_actors) == 1


def test_records_validate(analyze: Any) -> None:
    rec = analyze(
        "“We will not back down,” a senior Iranian diplomat said. Officials said the talks would resume."
    )
    assert len(rec.quotes) == 2
    for q in rec.quotes:
        assert 0 <= q.start < q.end <= len(rec.text)
    assert {a.id for a in rec.actors} >= {q.speaker for q in rec.quotes if q.speaker}


def test_span_group_for_displacy(nlp: Any) -> None:
    doc = nlp("The ministry said that it would retaliate against any incursion.")
    labels = [span.label_ for span in doc.spans["newswire_quotes"]]
    assert labels == ["indirect", "cue"]


# ---------------------------------------------------------------- scorer


def test_gold_kind() -> None:
    text = '“We will win,” he said. He called the plan "a disaster" for farmers. He said we would win.'
    assert gold_kind(text, [(0, 14)]) == "direct"
    assert gold_kind(text, [(34, 68)]) == "partial"
    assert gold_kind(text, [(78, 90)]) == "indirect"


def test_scorer_matches_by_token_overlap() -> None:
    text = "Officials said the bridge would reopen next week."
    gold = [Attribution([(15, 48)], [(0, 9)], "indirect")]
    actors = [{"id": "a1", "name": "Officials", "kind": "anonymous", "mentions": [[0, 9]]}]
    quotes = [{"id": "q1", "kind": "indirect", "start": 15, "end": 48, "speaker": "a1", "text": text[15:48]}]
    scores = Scores()
    score_document(text, gold, quotes, actors, scores)
    m = scores.metrics()
    assert m["content_f1"] == 1.0 and m["speaker_accuracy"] == 1.0
    scores = Scores()
    score_document(text, gold, [dict(quotes[0], start=39, end=48, text=text[39:48])], actors, scores)
    assert scores.metrics()["content_f1"] == 0.0


# ---------------------------------------------------------------- stance, belief and evidence frames


def _one(nlp: Any, text: str) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    quotes, actors = _quotes(nlp, text)
    assert len(quotes) == 1, quotes
    return quotes[0], actors


def test_lexicon_is_a_readable_data_file(tmp_path: Any) -> None:
    from newswire.components import quotes as q

    lex = q.load_cue_lexicon()
    assert "say" in lex["speech_verbs"] and "blame" in lex["stance_verbs"]
    assert lex["stance_prep_verbs"]["speak"] >= {"about", "on"}
    assert lex["sector_nouns"]["spokeswoman"] == "GOV"
    own = tmp_path / "cues.yaml"
    own.write_text("speech_verbs: murmur grumble\nsector_nouns:\n  monk: CVL\n", encoding="utf-8")
    mine = q.load_cue_lexicon(str(own))
    assert mine["speech_verbs"] == frozenset({"murmur", "grumble"})
    assert mine["sector_nouns"] == {"monk": "CVL"}


def test_stance_object_keeps_its_secondary_complement(nlp: Any) -> None:
    quote, actors = _one(nlp, "The senator blamed the central bank for the collapse of the currency.")
    assert quote["text"] == "the central bank for the collapse of the currency"
    assert quote["cue"]["text"] == "blamed" and quote["kind"] == "indirect"
    assert actors[quote["speaker"]]["name"].lower().endswith("senator")


def test_stance_with_a_predicate_after_the_object(nlp: Any) -> None:
    quote, _ = _one(nlp, "The union leader described the pay offer as an insult to nurses.")
    assert quote["text"] == "the pay offer as an insult to nurses"


def test_coordinated_complements_stay_together(nlp: Any) -> None:
    quote, _ = _one(nlp, "The mayor wants to widen the ring road, build a tram line and close the old depot.")
    assert quote["text"] == "to widen the ring road, build a tram line and close the old depot"


def test_speaking_verbs_need_a_topic(nlp: Any) -> None:
    assert _quotes(nlp, "The minister spoke to reporters on Monday.")[0] == []
    assert _quotes(nlp, "The minister spoke on Friday.")[0] == []
    quote, _ = _one(nlp, "The minister spoke about the drought in the southern provinces.")
    assert quote["text"] == "the drought in the southern provinces"
    quote, _ = _one(nlp, "The auditor pointed out that the ministry had overspent by a third.")
    assert quote["text"] == "that the ministry had overspent by a third"


def test_passive_expectation_has_two_pieces_and_no_speaker(nlp: Any) -> None:
    quote, _ = _one(nlp, "The spending bill is expected to pass the lower house next week.")
    assert quote["text"] == "The spending bill … to pass the lower house next week"
    assert quote["speaker"] is None and quote["cue"]["text"] == "expected"


def test_passive_accusation_names_the_accused(nlp: Any) -> None:
    quote, _ = _one(nlp, "The former mayor, who led the city for a decade, was accused of taking bribes from builders.")
    assert quote["text"] == "The former mayor … of taking bribes from builders"


def test_noun_of_intention_with_its_owner(nlp: Any) -> None:
    quote, actors = _one(nlp, "Adams repeated his determination to close the coal plants by 2030.")
    assert quote["text"] == "to close the coal plants by 2030"
    assert actors[quote["speaker"]]["name"].endswith("Adams")


def test_belief_adjective(nlp: Any) -> None:
    quote, _ = _one(nlp, "Farmers are sure the drought will last another year.")
    assert quote["text"] == "the drought will last another year"


def test_poll_as_evidence(nlp: Any) -> None:
    quote, _ = _one(nlp, "The governor leads her challenger by six points in a new poll.")
    assert quote["text"] == "The governor leads her challenger by six points"
    assert quote["cue"]["text"] == "in"


def test_poll_inside_a_reported_clause_is_not_a_second_attribution(nlp: Any) -> None:
    quote, _ = _one(nlp, "Her aides said she leads by six points in a new poll.")
    assert quote["cue"]["text"] == "said"


# ---------------------------------------------------------------- layouts: signatures, transcripts, headlines


def test_quotation_signed_with_a_dash(nlp: Any) -> None:
    text = "“We will rebuild the bridge before the winter comes.” ― Maria Okafor\n\n“Nobody listens to us.” ― Tom Reyes"
    quotes, actors = _quotes(nlp, text)
    assert [q["kind"] for q in quotes] == ["direct", "direct"]
    assert [actors[q["speaker"]]["name"] for q in quotes] == ["Maria Okafor", "Tom Reyes"]
    assert quotes[0]["text"] == "“We will rebuild the bridge before the winter comes.”"


def test_paragraph_opened_with_a_mistyped_closing_mark() -> None:
    text = "”We are ready to talk.” ― Ana Diaz"
    assert _marked(text) == ["”We are ready to talk.”"]


def test_interview_transcript_turns(nlp: Any) -> None:
    text = (
        '"MORRIS: Why did the talks in Geneva fail last week?\n\n'
        '"HALVORSEN: Both sides wanted more than the other could give. I think they will meet again.'
    )
    quotes, actors = _quotes(nlp, text)
    assert [q["text"] for q in quotes] == [
        "Why did the talks in Geneva fail last week?",
        "Both sides wanted more than the other could give. I think they will meet again.",
    ]
    assert [actors[q["speaker"]]["name"].upper() for q in quotes] == ["MORRIS", "HALVORSEN"]
    assert [q["cue"]["text"] for q in quotes] == [":", ":"]


def test_a_single_label_is_not_a_transcript(nlp: Any) -> None:
    assert _quotes(nlp, "UPDATE: The road reopened on Tuesday after repairs.")[0] == []


def test_headline_with_a_source_before_the_colon(nlp: Any) -> None:
    quote, _ = _one(nlp, "Poll: Voters in the north favour the new rail plan\n\nThe survey was taken in May.")
    assert quote["text"] == "Voters in the north favour the new rail plan"


# ---------------------------------------------------------------- speakers through pronouns


def test_resolved_pronoun_becomes_a_mention_of_its_actor(nlp: Any) -> None:
    text = "Ellen Marsh arrived late. She said the vote would be delayed until spring."
    doc = _with_actors(nlp, text, [_person("a1", "Ellen Marsh", 0)])
    assert [q["speaker"] for q in doc._.newswire_quotes] == ["a1"]
    she = text.index("She")
    assert [she, she + 3] in [list(m) for m in doc._.newswire_actors[0]["mentions"]]


def test_quoted_word_is_never_the_speaker(nlp: Any) -> None:
    text = "“The plan is in trouble. Real trouble,” said Lena Brandt, a budget analyst."
    quote, actors = _one(nlp, text)
    assert actors[quote["speaker"]]["name"] == "Lena Brandt"


def test_lone_straight_mark_in_a_curly_document_is_not_a_quotation() -> None:
    text = (
        "The paper printed a long excerpt.\n\n"
        '"The first time she saw him speak, she knew she was not alone.\n\n'
        "“We will fix it,” he told the crowd."
    )
    assert _marked(text) == ["“We will fix it,”"]


def test_colon_after_a_verb_of_saying_opens_unquoted_words(nlp: Any) -> None:
    quote, _ = _one(nlp, "The governor added: This is typical of the way the agency has worked for years.")
    assert quote["text"] == "This is typical of the way the agency has worked for years"
