/* geomap's map page: builds the incident and place layers, the legend, the time control,
 * the article panel and the offline basemap from the data geomap embeds in the page.
 *
 * Every string that comes from an article (text, names, actors, titles, URLs) reaches the
 * page through textContent or createTextNode, never as HTML, so markup in an article is
 * shown as text and never runs.
 */
(function () {
  "use strict";

  var OUTLINES = "Country outlines (offline)";
  var DAY_MS = 86400000;
  var MIN_ZOOM = 1;
  var MAX_ZOOM = 17;
  var TILE_PATIENCE_MS = 6000;
  var CHUNKED_FROM = 2000; // markers per layer above which clustering is done in chunks
  var OPEN_DOCUMENTS = 5; // more documents than this start closed in the panel

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function present(value) {
    return value !== null && value !== undefined && value !== "";
  }

  /* A link for an http(s) URL; any other value stays plain text. */
  function sourceNode(value) {
    if (/^https?:\/\//i.test(value)) {
      var anchor = element("a", null, value);
      anchor.href = value;
      anchor.target = "_blank";
      anchor.rel = "noopener noreferrer";
      return anchor;
    }
    return document.createTextNode(value);
  }

  function sourcesNode(values) {
    if (!values || !values.length) return null;
    var span = element("span");
    values.forEach(function (value, index) {
      if (index) span.appendChild(document.createTextNode("; "));
      span.appendChild(sourceNode(String(value)));
    });
    return span;
  }

  /* A popup table of the rows that have a value. */
  function table(rows, className) {
    var node = element("table", "geomap-popup " + className);
    rows.forEach(function (row) {
      var value = row[1];
      if (!present(value)) return;
      var tr = element("tr");
      tr.appendChild(element("th", null, row[0]));
      var td = element("td");
      if (value instanceof Node) td.appendChild(value);
      else td.textContent = String(value);
      tr.appendChild(td);
      node.appendChild(tr);
    });
    return node;
  }

  /* The position of each column of a column table ({columns, rows}), by name. */
  function columnsOf(table) {
    var index = {};
    table.columns.forEach(function (name, i) {
      index[name] = i;
    });
    return index;
  }

  /* Replace, in place, the indexes of a column table's interned columns by their strings. */
  function decode(table, strings) {
    var positions = table.interned.map(function (name) {
      return table.columns.indexOf(name);
    });
    table.rows.forEach(function (row) {
      positions.forEach(function (at) {
        var value = row[at];
        if (value === null) return;
        row[at] = Array.isArray(value)
          ? value.map(function (index) {
              return strings[index];
            })
          : strings[value];
      });
    });
  }

  /* One row of a column table as an object (only for the popup being opened). */
  function record(columns, row) {
    var object = {};
    for (var name in columns) object[name] = row[columns[name]];
    return object;
  }

  function dayOf(iso) {
    return iso ? Math.round(Date.parse(iso + "T00:00:00Z") / DAY_MS) : null;
  }

  function isoOf(day) {
    return new Date(day * DAY_MS).toISOString().slice(0, 10);
  }

  function build(map, control, tiles, data) {
    var geomap = {
      map: map,
      layers: {},
      markers: {},
      basemap: data.tiles_name,
      ready: false,
      open: null,
    };
    window.geomap = geomap;
    // A fixed zoom range: markercluster walks every zoom level down from the map's maximum,
    // which Leaflet reports as infinite when no tile layer is on the map (the outlines).
    map.setMinZoom(MIN_ZOOM);
    map.setMaxZoom(MAX_ZOOM);
    var words = data.words;
    var owners = {}; // marker key -> {group, layer} it is drawn in
    var mentions = {}; // marker key -> the <mark> elements that name it
    var points = { incidents: [], places: [] }; // what the view is fitted to

    /* ---------- basemap: online tiles, country outlines when they cannot load ---------- */
    var outlines = L.geoJSON(
      {
        type: "FeatureCollection",
        features: Object.keys(data.outlines).map(function (code) {
          return { type: "Feature", properties: { code: code }, geometry: data.outlines[code] };
        }),
      },
      {
        interactive: false,
        attribution: data.outline_attribution,
        style: { color: "#8c8c8c", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1 },
      }
    );
    control.addBaseLayer(outlines, OUTLINES);
    map.attributionControl.addAttribution(data.attribution);
    function showBasemap(name) {
      geomap.basemap = name;
      map.getContainer().classList.toggle("geomap-offline-basemap", name === OUTLINES);
    }
    map.on("baselayerchange", function (event) {
      showBasemap(event.name);
    });
    function useOutlines() {
      if (geomap.basemap === OUTLINES) return;
      if (tiles && map.hasLayer(tiles)) map.removeLayer(tiles);
      map.addLayer(outlines);
      showBasemap(OUTLINES);
    }
    // Tiles that cannot load: every tile of a first view failed, or none came within a
    // few seconds (a network that swallows requests). The outlines stay in the layer
    // control, and the user can switch back to the tiles at any time.
    if (tiles) {
      var tileLoaded = false;
      tiles.on("tileload", function () {
        tileLoaded = true;
      });
      tiles.on("load", function () {
        // after Leaflet has finished with this event: it still needs the layer on the map
        if (!tileLoaded) setTimeout(useOutlines, 0);
      });
      setTimeout(function () {
        if (!tileLoaded && map.hasLayer(tiles)) useOutlines();
      }, TILE_PATIENCE_MS);
    }
    if (!tiles || navigator.onLine === false) useOutlines();

    /* ---------- markers ---------- */
    // One icon object per kind of marker, each marker with its own copy of the icon's
    // element (a DivIcon given an element would move that one element from marker to marker).
    var TemplateIcon = L.DivIcon.extend({
      options: { html: false, template: null },
      createIcon: function (oldIcon) {
        var div = L.DivIcon.prototype.createIcon.call(this, oldIcon);
        div.appendChild(this.options.template.cloneNode(true));
        return div;
      },
    });
    var iconCache = {};
    function incidentIcon(type, approximate) {
      var id = type.key + (approximate ? "~" : "");
      if (!iconCache[id]) {
        var html = element("div", "geomap-symbol", type.symbol);
        html.style.background = type.colour;
        iconCache[id] = new TemplateIcon({
          template: html,
          className:
            "geomap-incident geomap-type-" + type.key + (approximate ? " geomap-approximate" : ""),
          iconSize: [22, 22],
          iconAnchor: [11, 11],
          popupAnchor: [0, -10],
        });
      }
      return iconCache[id];
    }
    function placeIcon(colour, approximate) {
      var id = colour + (approximate ? "~" : "");
      if (!iconCache[id]) {
        var html = element("div", "geomap-dot", approximate ? "≈" : null);
        html.style.borderColor = colour;
        if (!approximate) html.style.background = colour;
        iconCache[id] = new TemplateIcon({
          template: html,
          className: "geomap-place" + (approximate ? " geomap-approximate" : ""),
          iconSize: approximate ? [20, 20] : [12, 12],
          popupAnchor: [0, -6],
        });
      }
      return iconCache[id];
    }

    function clusterGroup(colour) {
      return L.markerClusterGroup({
        showCoverageOnHover: false,
        spiderfyOnMaxZoom: true,
        maxClusterRadius: 45,
        chunkedLoading: true,
        chunkInterval: 250, // ms of clustering at a time, then the page may respond
        chunkDelay: 10,
        iconCreateFunction: function (cluster) {
          var count = cluster.getChildCount();
          var html = element("div", null);
          html.appendChild(element("span", null, count));
          html.style.background = colour;
          var size = count < 10 ? 30 : count < 1000 ? 36 : 44;
          return L.divIcon({
            html: html,
            className: "marker-cluster geomap-cluster",
            iconSize: [size, size],
          });
        },
      });
    }

    function dateText(incident) {
      if (!incident.event_date) {
        return incident.date_text ? "unknown (“" + incident.date_text + "”)" : "unknown";
      }
      var precision = words.time_precision[incident.time_precision];
      return incident.event_date + (precision ? " (" + precision + ")" : "");
    }

    function locationText(incident) {
      var parts = [];
      [incident.location, incident.admin1, incident.country].forEach(function (part) {
        if (present(part) && parts.indexOf(part) < 0) parts.push(part);
      });
      var place = parts.join(", ");
      var precision = words.geo_precision[incident.geo_precision];
      if (precision) place += " (geo precision " + incident.geo_precision + ": " + precision + ")";
      if (incident.approximate) place += " — approximate point";
      return place;
    }

    decode(data.incidents, data.strings);
    decode(data.places, data.strings);
    var I = columnsOf(data.incidents);
    var P = columnsOf(data.places);
    var documentsById = {};
    data.documents.forEach(function (doc) {
      documentsById[doc.id] = doc;
    });

    function evidenceText(incident) {
      if (incident.notes) return incident.notes;
      var doc = documentsById[incident.doc];
      if (!incident.evidence || !doc) return null;
      return doc.text.slice(incident.evidence[0], incident.evidence[1]);
    }

    function incidentPopup(layer) {
      var incident = record(I, layer.geomapRow);
      return table(
        [
          ["Date", dateText(incident)],
          ["Date in text", incident.date_text],
          ["Event", incident.event_type + " / " + incident.sub_event_type],
          ["Actor 1", incident.actor1],
          ["Actor 2", incident.actor2],
          ["Fatalities", incident.fatalities],
          ["Location", locationText(incident)],
          ["Evidence", evidenceText(incident)],
          ["Source", sourcesNode(incident.sources)],
          ["Document", incident.doc],
          ["Confidence", incident.confidence],
        ],
        "geomap-incident-popup"
      );
    }

    function placePopup(layer) {
      var place = record(P, layer.geomapRow);
      return table(
        [
          ["Place", place.name],
          ["Text", place.text],
          ["Role", place.role],
          ["Type", place.feature + (place.approximate ? " (approximate point: its centre)" : "")],
          ["Country", place.country_code],
          ["Admin1", place.admin1],
          ["Named", place.count + "×"],
          ["Confidence", place.confidence],
          ["Source", place.source],
          ["Document", place.doc],
        ],
        "geomap-place-popup"
      );
    }

    var POPUP = { maxWidth: 420, minWidth: 220 };

    // Popups are bound when first needed: a Leaflet popup object for each of many markers
    // would cost more time and memory than the markers themselves.
    function marker(key, row, lat, lon, icon, popup, tooltip) {
      var made = L.marker([lat, lon], { icon: icon, title: tooltip, alt: tooltip });
      made.geomapPopup = popup;
      made.geomapKey = key;
      made.geomapRow = row;
      geomap.markers[key] = made;
      return made;
    }

    function withPopup(made) {
      if (!made.getPopup()) made.bindPopup(made.geomapPopup, POPUP);
      return made;
    }

    /* A click opens a marker's popup; an open popup marks its names in the article panel,
     * and a closed one unmarks them. */
    function followPopups(group, docColumn) {
      group.on("click", function (event) {
        var made = event.layer;
        if (made.geomapPopup && !made.getPopup()) withPopup(made).openPopup();
      });
      group.on("popupopen", function (event) {
        var key = event.layer.geomapKey;
        showDocument(event.layer.geomapRow[docColumn]);
        (mentions[key] || []).forEach(function (mark, index) {
          mark.classList.add("geomap-active");
          if (index === 0 && mark.scrollIntoView) mark.scrollIntoView({ block: "nearest" });
        });
      });
      group.on("popupclose", function (event) {
        (mentions[event.layer.geomapKey] || []).forEach(function (mark) {
          mark.classList.remove("geomap-active");
        });
      });
    }

    /* ---------- incident layers, one per event type ---------- */
    var types = data.event_types.map(function (row) {
      return { name: row[0], colour: row[1], symbol: row[2], key: row[3] };
    });
    var typeByName = {};
    types.forEach(function (type) {
      type.items = []; // {marker, day, area: country code or null}
      type.group = clusterGroup(type.colour);
      type.areas = L.layerGroup(); // one outline per country with incidents placed only there
      type.areaLayers = {};
      type.layer = L.layerGroup([type.group, type.areas]);
      followPopups(type.group, I.doc);
      typeByName[type.name] = type;
    });

    function areaLayer(type, code) {
      if (!type.areaLayers[code]) {
        var area = L.geoJSON(data.outlines[code], {
          style: {
            color: type.colour,
            weight: 1.5,
            dashArray: "5 4",
            fillColor: type.colour,
            fillOpacity: 0.12,
            className: "geomap-area",
          },
        });
        area.bindTooltip(function () {
          var count = type.items.filter(function (item) {
            return item.area === code && shown(item);
          }).length;
          return document.createTextNode(
            type.name + ": " + count + " incident(s) placed only in this country"
          );
        }, { sticky: true });
        area.on("click", function () {
          map.fitBounds(area.getBounds(), { maxZoom: 7 });
        });
        type.areaLayers[code] = area;
      }
      return type.areaLayers[code];
    }

    data.incidents.rows.forEach(function (row) {
      var type = typeByName[row[I.event_type]];
      var key = row[I.key];
      var tooltip = (row[I.sub_event_type] || row[I.event_type]) + ": " +
        (row[I.location] || "unnamed place");
      var made = marker(
        key,
        row,
        row[I.lat],
        row[I.lon],
        incidentIcon(type, row[I.approximate]),
        incidentPopup,
        tooltip
      );
      var code = row[I.area] && data.outlines[row[I.area]] ? row[I.area] : null;
      owners[key] = { group: type.group, layer: type.layer };
      points.incidents.push([row[I.lat], row[I.lon]]);
      type.items.push({ marker: made, day: dayOf(row[I.event_date]), area: code });
    });

    /* ---------- places: mentions that are not an incident's location ---------- */
    var placesGroup = clusterGroup(data.roles.place);
    followPopups(placesGroup, P.doc);
    var placeMarkers = [];
    data.places.rows.forEach(function (row) {
      var key = row[P.key];
      var role = row[P.role];
      var colour = data.roles[role] || data.roles.place;
      var tooltip = row[P.name] + " (" + role + ", named " + row[P.count] + "×)";
      var made = marker(
        key,
        row,
        row[P.lat],
        row[P.lon],
        placeIcon(colour, row[P.approximate]),
        placePopup,
        tooltip
      );
      placeMarkers.push(made);
      points.places.push([row[P.lat], row[P.lon]]);
      owners[key] = { group: placesGroup, layer: placesGroup };
    });

    /* ---------- the view: fitted to the incidents, else to the places ---------- */
    var fitted = points.incidents.length ? points.incidents : points.places;
    if (fitted.length) {
      map.fitBounds(L.latLngBounds(fitted), {
        paddingTopLeft: [40, 40],
        paddingBottomRight: [40, 160], // clear of the time control
        maxZoom: 9,
        animate: false,
      });
    } else {
      map.setView([20, 0], 2, { animate: false });
    }

    /* ---------- layer control and loading ---------- */
    // Layers are clustered one after the other, so that the first appears as soon as it
    // is ready rather than all together at the end. A layer asked for new markers while it
    // is being clustered (the time control moved) is done again once that run ends.
    var queue = [];
    var busy = null;
    var started = false;
    function fill(group, markers) {
      group.geomapWanted = markers;
      if (group !== busy && queue.indexOf(group) < 0) queue.push(group);
      if (!busy && started) next();
    }
    function next() {
      var group = queue.shift();
      if (!group) {
        busy = null;
        geomap.ready = true;
        document.documentElement.dataset.geomapReady = "true";
        return;
      }
      busy = group;
      var markers = group.geomapWanted;
      group.geomapWanted = null;
      group.clearLayers();
      if (!markers.length || !map.hasLayer(group)) {
        group.addLayers(markers); // off the map: clustered when it is switched on
        setTimeout(finished, 0);
        return;
      }
      group.options.chunkedLoading = markers.length > CHUNKED_FROM;
      group.options.chunkProgress = function (done, total) {
        if (done === total) {
          group.options.chunkProgress = null;
          setTimeout(finished, 0);
        }
      };
      group.addLayers(markers);
      function finished() {
        if (group.geomapWanted && queue.indexOf(group) < 0) queue.push(group);
        next();
      }
    }

    map.addLayer(placesGroup);
    control.addOverlay(placesGroup, "Places (" + placeMarkers.length + ")");
    geomap.layers.Places = placesGroup;
    types.forEach(function (type) {
      map.addLayer(type.layer);
      control.addOverlay(type.layer, type.name + " (" + type.items.length + ")");
      geomap.layers[type.name] = type.layer;
    });

    /* ---------- time control ---------- */
    var first = null;
    var last = null;
    types.forEach(function (type) {
      type.items.forEach(function (item) {
        if (item.day === null) return;
        if (first === null || item.day < first) first = item.day;
        if (last === null || item.day > last) last = item.day;
      });
    });
    var range = { from: first, to: last, undated: true };

    function shown(item) {
      if (item.day === null) return range.undated;
      return item.day >= range.from && item.day <= range.to;
    }
    function applyRange() {
      types.forEach(function (type) {
        var visible = type.items.filter(shown);
        type.areas.clearLayers();
        var codes = {};
        visible.forEach(function (item) {
          if (item.area) codes[item.area] = true;
        });
        Object.keys(codes).forEach(function (code) {
          type.areas.addLayer(areaLayer(type, code));
        });
        fill(
          type.group,
          visible.map(function (item) {
            return item.marker;
          })
        );
      });
    }
    if (first !== null) addTimeControl();

    function addTimeControl() {
      var box = L.control({ position: "bottomright" });
      box.onAdd = function () {
        var node = element("div", "geomap-time leaflet-bar");
        node.id = "geomap-time";
        node.appendChild(element("strong", null, "Incident dates"));
        var label = element("div", "geomap-time-label");
        var from = element("input", "geomap-time-from");
        var to = element("input", "geomap-time-to");
        [from, to].forEach(function (input, index) {
          input.type = "range";
          input.min = String(first);
          input.max = String(last);
          input.step = "1";
          input.value = String(index ? last : first);
          input.setAttribute("aria-label", index ? "Last date shown" : "First date shown");
        });
        var undatedLabel = element("label", "geomap-time-undated-label");
        var undated = element("input", "geomap-time-undated");
        undated.type = "checkbox";
        undated.checked = true;
        undatedLabel.appendChild(undated);
        undatedLabel.appendChild(document.createTextNode(" undated incidents"));
        function describe() {
          label.textContent = isoOf(range.from) + " – " + isoOf(range.to);
        }
        var timer = null;
        function changed() {
          var a = Number(from.value);
          var b = Number(to.value);
          range.from = Math.min(a, b);
          range.to = Math.max(a, b);
          range.undated = undated.checked;
          describe();
          clearTimeout(timer);
          timer = setTimeout(applyRange, 120);
        }
        from.addEventListener("input", changed);
        to.addEventListener("input", changed);
        undated.addEventListener("change", changed);
        describe();
        node.appendChild(label);
        node.appendChild(from);
        node.appendChild(to);
        node.appendChild(undatedLabel);
        L.DomEvent.disableClickPropagation(node);
        L.DomEvent.disableScrollPropagation(node);
        return node;
      };
      box.addTo(map);
    }

    /* ---------- legend ---------- */
    var legend = L.control({ position: "bottomleft" });
    legend.onAdd = function () {
      var node = element("div", "geomap-legend");
      node.appendChild(element("strong", null, "Incidents"));
      types.forEach(function (type) {
        var row = element("div", "geomap-legend-row");
        var symbol = element("span", "geomap-symbol", type.symbol);
        symbol.style.background = type.colour;
        row.appendChild(symbol);
        row.appendChild(document.createTextNode(" " + type.name + " (" + type.items.length + ")"));
        node.appendChild(row);
      });
      if (!types.length) node.appendChild(element("div", null, "none located"));
      node.appendChild(element("strong", null, "Places"));
      Object.keys(data.roles).forEach(function (role) {
        var row = element("div", "geomap-legend-row");
        var dot = element("span", "geomap-dot");
        dot.style.background = data.roles[role];
        dot.style.borderColor = data.roles[role];
        row.appendChild(dot);
        row.appendChild(document.createTextNode(" " + role));
        node.appendChild(row);
      });
      var approx = element("div", "geomap-legend-row");
      approx.appendChild(element("span", "geomap-dot geomap-legend-approximate", "≈"));
      approx.appendChild(
        document.createTextNode(" approximate point: the centre of a sea, region or country")
      );
      node.appendChild(approx);
      var area = element("div", "geomap-legend-row");
      area.appendChild(element("span", "geomap-legend-area"));
      area.appendChild(document.createTextNode(" located only to a country"));
      node.appendChild(area);
      return node;
    };
    legend.addTo(map);

    /* ---------- opening a marker from the panel ---------- */
    function open(key) {
      var made = geomap.markers[key];
      var owner = owners[key];
      if (!made || !owner) return false;
      if (!map.hasLayer(owner.layer)) map.addLayer(owner.layer);
      if (!owner.group.hasLayer(made)) {
        // filtered out by the time control: show its popup on its own
        L.popup(POPUP).setLatLng(made.getLatLng()).setContent(made.geomapPopup(made)).openOn(map);
        return true;
      }
      owner.group.zoomToShowLayer(made, function () {
        withPopup(made).openPopup();
      });
      return true;
    }
    geomap.open = open;

    /* ---------- the article panel ---------- */
    var panel = document.getElementById("geomap-panel");
    var body = panel.querySelector(".geomap-panel-body");
    panel.querySelector(".geomap-panel-toggle").addEventListener("click", function () {
      document.body.classList.toggle("geomap-panel-hidden");
      setTimeout(function () {
        map.invalidateSize();
      }, 50);
    });
    // Each document's text is laid out when its section is first opened: a map of many
    // articles would otherwise lay out every one of them before it could be used.
    var sections = {};
    var openAtStart = data.documents.length <= OPEN_DOCUMENTS;
    data.documents.forEach(function (doc) {
      var section = element("section", "geomap-doc");
      section.dataset.doc = doc.id;
      var details = element("details");
      var summary = element("summary");
      summary.appendChild(element("h2", null, doc.title || doc.id));
      var meta = [doc.published, doc.url ? null : doc.origin].filter(present).join(" · ");
      var metaNode = element("div", "geomap-doc-meta", meta);
      if (doc.url) {
        if (meta) metaNode.appendChild(document.createTextNode(" · "));
        metaNode.appendChild(sourceNode(doc.url));
      }
      summary.appendChild(metaNode);
      details.appendChild(summary);
      section.appendChild(details);
      body.appendChild(section);
      sections[doc.id] = { doc: doc, details: details, built: false };
      details.addEventListener("toggle", function () {
        if (details.open) layOut(doc.id);
      });
      if (openAtStart) details.open = true;
    });

    function layOut(docId) {
      var entry = sections[docId];
      if (!entry || entry.built) return;
      entry.built = true;
      var doc = entry.doc;
      var text = element("div", "geomap-text");
      var at = 0;
      doc.names.forEach(function (name) {
        var start = name[0];
        var end = name[1];
        var key = name[2];
        if (start < at) return;
        text.appendChild(document.createTextNode(doc.text.slice(at, start)));
        var mark = element("mark", "geomap-name", doc.text.slice(start, end));
        if (key && geomap.markers[key]) {
          mark.dataset.target = key;
          mark.title = "Show on the map";
          mark.addEventListener("click", function () {
            open(key);
          });
          (mentions[key] = mentions[key] || []).push(mark);
        } else {
          mark.classList.add("geomap-unresolved");
          mark.title = "Recognised as a place but not resolved";
        }
        text.appendChild(mark);
        at = end;
      });
      text.appendChild(document.createTextNode(doc.text.slice(at)));
      entry.details.appendChild(text);
    }

    function showDocument(docId) {
      var entry = sections[docId];
      if (!entry) return;
      layOut(docId);
      entry.details.open = true;
    }
    Object.keys(sections).forEach(function (docId) {
      if (sections[docId].details.open) layOut(docId);
    });

    if (!data.documents.length) body.appendChild(element("p", null, "No article text."));

    /* ---------- fill the layers ---------- */
    applyRange();
    fill(placesGroup, placeMarkers);
    started = true;
    next();
    return geomap;
  }

  window.geomapBuild = function (map, control, tiles, dataElementId) {
    var data = JSON.parse(document.getElementById(dataElementId).textContent);
    return build(map, control, tiles, data);
  };
})();
