"""What geomap writes: the HTML map, GeoJSON, GeoPackage and CSV, with one column schema."""
