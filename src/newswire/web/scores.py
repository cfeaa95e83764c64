"""PLOVER conflict-cooperation scores (Goldstein-style weights, -10 .. +10).

The weights are the "PLOVER scores" table of the PLOVER 2.0 codebook (section "Numeric
conflict/cooperation scores"), which experts derived from the CAMEO Goldstein scores so that
PLOVER series splice with Goldstein series. A mode with its own row uses it; otherwise the
type's row. One deviation: the codebook prints ACCUSE as +3, which contradicts its own modes
(-2 to -3.5) and quad class (verbal conflict); we use -3.
"""

from __future__ import annotations

__all__ = ["MODE_SCORES", "TYPE_SCORES", "event_score"]

#: Score of each PLOVER event type (used when the mode has no row of its own).
TYPE_SCORES: dict[str, float] = {
    "AGREE": 2.5,
    "CONSULT": 2.5,
    "SUPPORT": 5.0,
    "CONCEDE": 4.5,
    "COOPERATE": 9.5,
    "AID": 10.0,
    "RETREAT": 6.5,
    "REQUEST": 0.0,
    "ACCUSE": -3.0,
    "REJECT": -2.0,
    "THREATEN": -3.5,
    "PROTEST": -5.0,
    "SANCTION": -6.0,
    "MOBILIZE": -5.5,
    "COERCE": -7.0,
    "ASSAULT": -9.0,
}

#: Scores of (type, mode) pairs the codebook lists separately.
MODE_SCORES: dict[tuple[str, str], float] = {
    ("CONSULT", "visit"): 4.0,
    ("CONSULT", "third-party"): 1.0,
    ("CONSULT", "multilateral"): 4.0,
    ("CONSULT", "phone"): 1.5,
    ("RETREAT", "withdraw"): 8.0,
    ("RETREAT", "release"): 6.5,
    ("RETREAT", "disarm"): 10.0,
    ("RETREAT", "ceasefire"): 7.5,
    ("RETREAT", "access"): 6.5,
    ("RETREAT", "resign"): 4.5,
    ("REQUEST", "assist"): 0.5,
    ("REQUEST", "change"): -1.0,
    ("REQUEST", "yield"): -1.0,
    ("REQUEST", "meet"): 0.0,
    ("ACCUSE", "disapprove"): -2.0,
    ("ACCUSE", "investigate"): -3.5,
    ("ACCUSE", "allege"): -3.5,
    ("REJECT", "assist"): -1.5,
    ("REJECT", "change"): -2.0,
    ("REJECT", "yield"): -2.0,
    ("REJECT", "meet"): -2.0,
    ("THREATEN", "restrict"): -3.0,
    ("THREATEN", "arrest"): -3.5,
    ("THREATEN", "relations"): -3.5,
    ("THREATEN", "expel"): -3.5,
    ("THREATEN", "territory"): -4.0,
    ("THREATEN", "violence"): -3.5,
    ("PROTEST", "demo"): -5.0,
    ("PROTEST", "riot"): -7.0,
    ("PROTEST", "strike"): -5.0,
    ("PROTEST", "hunger"): -4.5,
    ("PROTEST", "boycott"): -4.5,
    ("PROTEST", "obstruct"): -4.5,
    ("SANCTION", "convict"): -6.0,
    ("SANCTION", "expel"): -5.5,
    ("SANCTION", "withdraw"): -6.0,
    ("SANCTION", "discontinue"): -6.0,
    ("MOBILIZE", "troops"): -6.5,
    ("MOBILIZE", "weapons"): -6.5,
    ("MOBILIZE", "police"): -5.5,
    ("MOBILIZE", "militia"): -6.0,
    ("COERCE", "seize"): -7.0,
    ("COERCE", "restrict"): -7.0,
    ("COERCE", "censor"): -6.5,
    ("COERCE", "curfew"): -6.5,
    ("COERCE", "martial-law"): -7.5,
    ("COERCE", "arrest"): -7.0,
    ("COERCE", "deport"): -7.0,
    ("COERCE", "withhold"): -7.0,
    ("COERCE", "misinformation"): -6.5,
    ("COERCE", "cyber"): -7.0,
    ("ASSAULT", "abduct"): -8.5,
    ("ASSAULT", "beat"): -7.5,
    ("ASSAULT", "torture"): -8.5,
    ("ASSAULT", "sexual"): -8.5,
    ("ASSAULT", "targeted"): -9.5,
    ("ASSAULT", "destroy"): -8.5,
    ("ASSAULT", "primitive"): -8.0,
    ("ASSAULT", "firearms"): -9.0,
    ("ASSAULT", "explosives"): -9.0,
    ("ASSAULT", "suicide-attack"): -9.5,
    ("ASSAULT", "aerial"): -9.5,
    ("ASSAULT", "drone"): -9.5,
    ("ASSAULT", "heavy-weapons"): -9.5,
    ("ASSAULT", "crowd-control"): -7.5,
    ("ASSAULT", "unconventional"): -10.0,
}


def event_score(type_: str, mode: str | None = None) -> float:
    """The PLOVER score of an event type (and mode, when it has its own row); 0.0 if unknown."""
    if mode:
        found = MODE_SCORES.get((type_, mode.strip().lower()))
        if found is not None:
            return found
    return TYPE_SCORES.get(type_, 0.0)
