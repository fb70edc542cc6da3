"""Place nouns, feature words, streets, directions and the parts of a town."""

# The four cardinal points.
CARDINAL_POINTS = frozenset({"north", "south", "east", "west"})
# Nouns for kinds of place that announce a name after "of" ("the village of X").
PLACE_KIND_NOUNS = frozenset(
    {"village", "town", "city", "district", "province", "region", "port", "suburb",
     "neighborhood", "neighbourhood", "governorate", "county", "municipality", "settlement",
     "camp", "island", "state"}
)  # fmt: skip
# The words before "of" that announce a place name to the recogniser.
PLACE_OF_NOUNS = PLACE_KIND_NOUNS | {"hamlet"}
# Nouns whose "of" phrase is a place, or that say where in one ("the village of X", "the
# outskirts of X", "the north of X"), for the locator.
PLACE_NOUNS = (
    PLACE_KIND_NOUNS
    | CARDINAL_POINTS
    | {"villages", "towns", "cities", "districts", "provinces", "regions", "suburbs",
       "neighborhoods", "neighbourhoods", "area", "areas", "outskirts", "centre", "center",
       "capital", "islands", "camps", "border", "frontier", "coast", "waters", "street",
       "streets", "heart", "part", "parts", "countryside", "vicinity", "perimeter",
       "entrance", "settlements", "community", "communities", "country"}
)  # fmt: skip
# Words for kinds of site and area that end a place's name ("K-1 base", "Kasese district").
PLACE_FEATURE_WORDS = frozenset(
    {"airbase", "airport", "base", "camp", "city", "county", "crossing", "dam", "district",
     "governorate", "prison", "province", "refinery", "region", "river", "valley"}
)  # fmt: skip
# Lower-case words that end a place name the gazetteer may lack ("Kasese district"), for
# the locator.
FEATURE_NOUNS = PLACE_FEATURE_WORDS | {
    "neighborhood", "neighbourhood", "village", "town", "area", "square", "street", "road",
    "highway", "market", "mosque", "church", "hospital", "university", "bridge", "station",
    "checkpoint", "hill", "hills", "mountains", "state", "waterway", "commune", "sector",
    "block", "township", "palace", "hotel", "school", "compound",
}  # fmt: skip
# Lower-case words that end or continue the names the recogniser looks up ("K-1 base",
# "Strait of Hormuz").
NAME_FEATURE_WORDS = PLACE_FEATURE_WORDS | {
    "air", "airfield", "port", "harbour", "harbor", "field", "oilfield", "plant", "strait",
    "sea", "gulf", "lake", "island", "islands", "desert",
}  # fmt: skip
# Words that make a name before them a street's ("Oxford Street", "Baghdad Road").
STREET_WORDS = {"street", "st", "st.", "road", "rd", "rd.", "avenue", "ave", "ave.", "lane",
                "boulevard", "blvd", "drive", "terrace", "crescent", "highway"}  # fmt: skip
# Words that end the name of a part of a town ("the Markets area", "London Bridge district").
TOWN_PARTS = {"area", "district", "neighborhood", "neighbourhood", "quarter", "suburb",
              "estate", "market", "square", "bridge", "station", "camp", "park", "centre",
              "center"}  # fmt: skip
# Where the wounded are taken, as parts of a place's name: no place of the act that
# wounded them.
CARE_PLACES = ("hospital", "clinic", "medical", "infirmary")
# Words before a place that put an event near it, not in it ("20 km south of Mosul").
NEAR_WORDS = (
    CARDINAL_POINTS
    | {"near", "outside", "around", "outskirts", "vicinity", "close", "northeast",
       "northwest", "southeast", "southwest", "km", "kilometres", "kilometers", "miles"}
)  # fmt: skip
# Objects that make "captured" or "seized" the taking of territory ("captured the town").
PLACE_OBJECT_WORDS = {"town", "city", "village", "villages", "base", "airport", "hill",
                      "district", "area", "neighborhood", "neighbourhood", "positions",
                      "position", "territory", "province", "region", "camp", "outpost",
                      "checkpoint", "island", "port", "airbase", "airfield", "stronghold",
                      "control", "road", "highway", "bridge", "crossing",
                      "headquarters"}  # fmt: skip
# Verbs that say where a place lies ("the hospital located in Aleppo").
SITUATING_VERBS = {"locate", "situate", "base"}
# Verbs whose subject is where things happen ("Mosul saw heavy fighting"), unlike the
# subject of other verbs, which acts ("Washington will face consequences").
PLACE_SUBJECT_VERBS = {"see", "witness", "experience", "suffer", "endure", "record", "erupt",
                       "remain", "be", "become"}  # fmt: skip
