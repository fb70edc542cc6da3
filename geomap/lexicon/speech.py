"""Speaking: verbs and nouns of statements, and those who speak for a state."""

# Verbs of speaking (lemmas): what hangs on them is said, not done there ("Tehran says").
SPEECH_LEMMAS = {"say", "tell", "report", "announce", "warn", "claim", "accuse", "blame",
                 "deny", "condemn", "add", "state", "confirm", "quote"}  # fmt: skip
# ... and the words of statements, for dates said rather than of the event.
STATEMENT_WORDS = SPEECH_LEMMAS | {"describe", "reiterate", "express", "laud", "praise",
                                   "statement", "comment", "speak"}  # fmt: skip
# Verb forms that make a capital or country a speaker rather than a place ("Tehran says").
SPEECH_VERBS = {
    "say", "says", "said", "warn", "warns", "warned", "accuse", "accuses", "accused",
    "blame", "blames", "blamed", "claim", "claims", "claimed", "deny", "denies", "denied",
    "condemn", "condemns", "condemned", "announce", "announces", "announced", "threaten",
    "threatens", "threatened", "urge", "urges", "urged", "demand", "demands", "demanded",
    "insist", "insists", "insisted", "reject", "rejects", "rejected", "welcome", "welcomes",
    "welcomed", "praise", "praises", "praised", "vow", "vows", "vowed", "expressed",
    "expresses", "express", "responded", "responds", "respond", "called", "calls", "told",
    "tells", "lauded", "lauds", "imposed", "imposes", "sanctioned", "sanctions",
    "backs", "backed", "supports", "supported", "agreed", "agrees", "signed", "signs",
    "declared", "declares", "stated", "states", "confirmed", "confirms", "believes",
    "believed", "wants", "wanted",
}  # fmt: skip
# Nouns that make a place's possessor a state that speaks ("Iran's foreign ministry").
GOVERNMENT_NOUNS = {"ministry", "government", "president", "officials", "official", "spokesman",
                    "spokeswoman", "leader", "leaders", "administration", "embassy", "army",
                    "forces", "military", "regime", "parliament", "cabinet", "envoy"}  # fmt: skip
