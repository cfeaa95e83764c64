"""Word lists of the geoparser (:mod:`newswire.components.places`), lower case."""

from __future__ import annotations

#: words before a name that make a mislabelled entity a place ("flew to Jordan")
PLACE_PREPS = frozenset(
    [
        "in",
        "to",
        "from",
        "at",
        "near",
        "across",
        "into",
        "outside",
        "inside",
        "of",
        "towards",
        "toward",
        "through",
        "around",
        "throughout",
        "visit",
        "visited",
        "between",
        "and",
    ]
)

#: titles before a name that make it a person ("Sen. Georgia Thompson")
TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "sen",
        "rep",
        "gov",
        "president",
        "senator",
        "coach",
        "judge",
        "officer",
        "sgt",
        "capt",
        "lt",
        "col",
        "gen",
        "prof",
        "st",
    ]
)

#: words around a place name that leave the place itself ("Northeast Texas", "Sichuan province")
DIRECTIONS = frozenset(
    [
        "historic",
        "old",
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "upper",
        "lower",
        "greater",
        "downtown",
        "far",
        "mid",
        "n.",
        "s.",
        "e.",
        "w.",
        "s.e.",
        "n.e.",
        "s.w.",
        "n.w.",
        "metro",
        "north-east",
        "north-west",
        "south-east",
        "south-west",
        "rural",
        "suburban",
    ]
)

#: heads of "X of Y" names whose Y is the place ("Province of Ontario", "University of Texas")
OF_HEADS = frozenset(
    [
        "province",
        "state",
        "city",
        "county",
        "town",
        "township",
        "republic",
        "commonwealth",
        "village",
        "borough",
        "municipality",
        "region",
        "kingdom",
        "district",
    ]
)

#: words after a place name that leave the place itself ("Sichuan province", "Springfield City Schools")
TAIL_WORDS = frozenset(
    [
        "province",
        "state",
        "region",
        "city",
        "township",
        "area",
        "valley",
        "metro",
        "county",
        "village",
        "borough",
        "district",
        "prefecture",
        "governorate",
        "oblast",
        "territory",
        "schools",
        "school",
        "court",
        "government",
        "council",
        "police",
        "department",
    ]
)

#: words after a place name that make an organisation of a public body ("Gainesville Police")
INSTITUTION_WORDS = frozenset(
    [
        "police",
        "sheriff",
        "sheriff's",
        "county",
        "city",
        "state",
        "department",
        "council",
        "board",
        "school",
        "schools",
        "district",
        "university",
        "college",
        "hospital",
        "fire",
        "court",
        "office",
        "public",
        "health",
        "commission",
        "airport",
        "chamber",
        "library",
        "museum",
        "zoo",
        "community",
        "regional",
        "area",
        "township",
        "village",
        "housing",
        "transit",
        "water",
        "parks",
        "emergency",
        "memorial",
        "high",
        "middle",
        "elementary",
        "general",
        "municipal",
        "superior",
        "circuit",
        "jail",
        "detention",
        "correctional",
        "planning",
        "economic",
        "historical",
        "legislature",
        "assembly",
        "senate",
        "house",
        "national",
        "red",
        "bar",
        "medical",
        "mayor",
        "town",
    ]
)

#: road, water and relief words: features often named after a town without lying in it
_FEATURE_WORDS = frozenset({
    "ave.", "avenue", "bay", "beach", "blvd.", "boulevard", "bridge", "canyon", "creek", "drive",
    "falls", "forest", "highway", "hill", "hills", "interstate", "island", "islands", "lake",
    "lane", "mount", "mountain", "mountains", "mt.", "parkway", "pass", "rd.", "river", "road",
    "route", "st.", "street", "valley", "way",
})

#: words that make an unresolved name a place all the same ("Darby Street", "Neches River")
PLACE_WORDS = _FEATURE_WORDS | {
    "airport", "border", "borough", "canal", "city", "coast", "county", "dam", "desert", "district",
    "downtown", "gulf", "harbor", "harbour", "heights", "neighborhood", "ocean", "parish", "park",
    "peninsula", "plaza", "port", "province", "region", "reservoir", "sea", "square", "strait",
    "town", "township", "village",
}

#: features often named after a town without lying in it ("Darby Street", "Neches River")
NAMED_FEATURES = _FEATURE_WORDS | {
    "court", "pike", "trail",
}

#: words after a town's name that keep a facility in the town ("Greer City Hall")
MUNICIPAL = frozenset(
    [
        "city",
        "town",
        "village",
        "county",
        "township",
        "police",
        "fire",
        "public",
        "municipal",
        "regional",
        "district",
        "downtown",
        "civic",
        "community",
        "high",
        "middle",
        "elementary",
        "central",
        "main",
        "general",
    ]
)

#: locative prepositions ("arrived in Gainesville")
LOCATIVE = frozenset(
    ["in", "at", "near", "from", "to", "outside", "into", "around", "across", "toward", "towards"]
)

#: nouns that name a town before "of" ("the town of Samarra", "the port of Hodeidah")
TOWN_CUES = frozenset(
    [
        "town",
        "towns",
        "village",
        "villages",
        "city",
        "cities",
        "port",
        "hamlet",
        "suburb",
        "suburbs",
        "outskirts",
        "township",
        "municipality",
        "commune",
        "settlement",
        "neighborhood",
        "neighbourhood",
        "stronghold",
    ]
)

#: town cues after which an unknown name is kept as a place without a point ("the village of X")
SETTLEMENT_CUES = frozenset(
    ["town", "village", "villages", "hamlet", "city", "port", "suburb", "township", "settlement", "commune"]
)

#: capitalised words opening a text that are headline labels, never datelines
HEADLINE_WORDS = frozenset(
    [
        "update",
        "breaking",
        "exclusive",
        "analysis",
        "factbox",
        "feature",
        "opinion",
        "editorial",
        "comment",
        "corrected",
        "correction",
        "refile",
        "insight",
        "explainer",
        "video",
        "photos",
        "live",
        "watch",
        "urgent",
        "flash",
        "advisory",
        "interview",
        "review",
        "poll",
    ]
)

#: nouns that name a division before "of" ("the province of Helmand")
DIVISION_CUES = frozenset(
    ["province", "provinces", "governorate", "region", "district", "oblast", "prefecture", "state"]
)

#: nouns after a name that make it a division ("Helmand province", "Donetsk region")
DIVISION_TAILS = frozenset(["province", "governorate", "region", "district", "oblast", "prefecture", "state"])
