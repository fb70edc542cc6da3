"""The knowledge base: the gazetteer, the sources it is built from, the vocabulary of place
features and name kinds, and the optional geocoder fallback."""
