"""GeoNames' feature codes and classes, and the geomap feature type each stands for.

Data only: ``geonames.geonames_feature`` reads it. It lies beside the sources so that the
gazetteer's code digest covers it: a change here rebuilds the gazetteer.
"""

# GeoNames feature codes and the geomap feature type of each.
FEATURE_CODES = {
    "PCLI": "country",
    "PCL": "country",
    "PCLD": "country",
    "PCLF": "country",
    "PCLS": "country",
    "PCLIX": "country",
    "TERR": "country",
    "ADM1": "admin1",
    "ADM1H": "admin1",
    "ADM2": "admin2",
    "ADM2H": "admin2",
    "PPLC": "city",
    "OCN": "ocean",
    "SEA": "sea",
    "GULF": "gulf",
    "BAY": "bay",
    "BAYS": "bay",
    "STRT": "strait",
    "CHN": "channel",
    "CHNM": "channel",
    "CNL": "canal",
    "LK": "lake",
    "LKS": "lake",
    "RSV": "lake",
    "STM": "river",
    "CONT": "continent",
    "RGN": "region",
    "RGNE": "region",
    "AIRP": "airport",
    "AIRB": "military_base",
    "MILB": "military_base",
    "INSM": "military_base",
    "NVB": "military_base",
    "PRT": "port",
    "DAM": "dam",
    "PRN": "prison",
    "CMPRF": "camp",
    "OILR": "oil_facility",
    "OILT": "oil_facility",
    "NUCF": "nuclear_site",
    "PSN": "nuclear_site",
    "ISL": "island",
    "ISLS": "island",
    "MT": "mountain",
    "MTS": "mountain",
    "PK": "mountain",
    "VAL": "valley",
}
# GeoNames feature classes and the geomap feature type of a code the table above lacks
# (other "ADM" codes are "admin3").
FEATURE_CLASSES = {"A": "admin", "P": "city", "H": "water", "L": "region", "S": "facility",
                   "T": "terrain", "R": "road", "U": "undersea", "V": "vegetation"}  # fmt: skip
