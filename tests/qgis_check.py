"""Open geomap's outputs in real QGIS and print what QGIS sees, as JSON on stdout.

Run with the system Python that has ``qgis.core`` (Debian's python3-qgis), not the venv:

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/qgis_check.py out.gpkg incidents.geojson

Each argument is a file (a GeoPackage is opened layer by layer, ``path|layername=NAME``, for
every layer QGIS lists in it) or an OGR data source URI already naming its layer. For each
layer: validity, CRS, feature count, fields with their types, and the renderer (type, field,
categories) QGIS applied when the layer was opened with the default options
(``loadDefaultStyle=True``), when opened with ``loadDefaultStyle=False``, and after an explicit
``loadDefaultStyle()``.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsDataProvider,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QVariant


def renderer_report(layer: QgsVectorLayer) -> dict[str, Any] | None:
    """The layer's renderer: its type, and for a categorised one its field and categories."""
    renderer = layer.renderer()
    if renderer is None:
        return None
    out: dict[str, Any] = {"type": renderer.type()}
    if renderer.type() == "categorizedSymbol":
        out["field"] = renderer.classAttribute()
        out["categories"] = [
            {
                "value": category.value(),
                "label": category.label(),
                "colour": category.symbol().color().name(),
            }
            for category in renderer.categories()
        ]
    return out


def sublayer_uris(path: str) -> list[str]:
    """``path|layername=NAME`` for every layer QGIS's OGR provider lists in the file."""
    probe = QgsVectorLayer(path, "probe", "ogr")
    provider = probe.dataProvider()
    if provider is None:
        return [path]
    names = []
    for sublayer in provider.subLayers():
        fields = sublayer.split(QgsDataProvider.SUBLAYER_SEPARATOR)
        if len(fields) > 1:
            names.append(fields[1])
    return [f"{path}|layername={name}" for name in names] or [path]


def layer_report(uri: str) -> dict[str, Any]:
    """What QGIS sees of one layer."""
    layer = QgsVectorLayer(uri, uri.rsplit("=", 1)[-1], "ogr", QgsVectorLayer.LayerOptions())
    report: dict[str, Any] = {"uri": uri, "isValid": layer.isValid()}
    if not layer.isValid():
        report["error"] = layer.error().summary()
        return report
    report["crs"] = layer.crs().authid()
    report["featureCount"] = layer.featureCount()
    report["geometryType"] = layer.geometryType()
    report["fields"] = [
        {
            "name": field.name(),
            "type": QVariant.typeToName(field.type()),
            "typeName": field.typeName(),
        }
        for field in layer.fields()
    ]
    report["rendererOnOpen"] = renderer_report(layer)
    bare = QgsVectorLayer(uri, "bare", "ogr", QgsVectorLayer.LayerOptions(False))
    report["rendererWithoutDefaultStyle"] = renderer_report(bare)
    del bare
    _count, _ids, names, _descriptions, _error = layer.listStylesInDatabase()
    report["databaseStyles"] = list(names)
    message, loaded = layer.loadDefaultStyle()
    report["loadDefaultStyle"] = {"loaded": bool(loaded), "message": message}
    report["rendererAfterLoadDefaultStyle"] = renderer_report(layer)
    return report


def main(arguments: list[str]) -> int:
    application = QgsApplication([], False)
    application.initQgis()
    try:
        uris = []
        for argument in arguments:
            is_gpkg = argument.lower().endswith(".gpkg") and "|" not in argument
            uris.extend(sublayer_uris(argument) if is_gpkg else [argument])
        layers = []
        for uri in uris:
            try:
                layers.append(layer_report(uri))
            except Exception as err:  # report it; a live layer at exitQgis() would crash
                layers.append({"uri": uri, "isValid": False, "error": repr(err)})
        output = {"qgis": Qgis.QGIS_VERSION, "layers": layers}
        json.dump(output, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    finally:
        application.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
