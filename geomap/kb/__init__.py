"""The knowledge base: the gazetteer, the sources it is built from, the vocabulary of place
features and name kinds, and the optional geocoder fallback."""

# The sources of the place data, credited wherever geomap shows or writes places.
ATTRIBUTION = (
    "Place data: GeoNames (CC BY 4.0), ISO 3166-2, countryinfo, OurAirports (public domain), "
    "Natural Earth (public domain), geomap curated tables"
)
