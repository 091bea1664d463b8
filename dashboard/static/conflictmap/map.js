/* conflictmap's map: helpers and Leaflet layer factories, loaded by every map page.
 *
 * dashboard/map.py embeds the data and calls these: cmSetup(map, options) once, then
 * cmLayers.NAME(data, map) per layer, then cmLegend(map, html). Colours come in the data
 * (from pipeline/output/style.py), never from here. Every value shown in a popup or
 * tooltip goes through cmEsc first.
 */
(function () {
  'use strict';

  window.cmEsc = function (value) {
    if (value === null || value === undefined) { return ''; }
    return String(value).replace(/[&<>"']/g, function (c) {
      return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c];
    });
  };
  window.cmLabel = function (value) {
    return cmEsc(String(value || '').replace(/_/g, ' '));
  };
  window.cmQuotes = function (sources) {
    if (!sources || !sources.length) { return ''; }
    return '<ol class="cm-quotes">' + sources.map(function (s) {
      return '<li>\u201c' + cmEsc(s[1]) + '\u201d<br><span class="cm-art">' +
        cmEsc(s[0]) + '</span></li>';
    }).join('') + '</ol>';
  };
  // an event row (see _event_row in dashboard/map.py) with its strings looked up in S
  window.cmEvent = function (r, S) {
    return {type: S[r[2]], sub: S[r[3]], place: S[r[4]], oblast: S[r[5]], date: S[r[6]],
            killed: r[7], injured: r[8], cas: S[r[9]], by: S[r[10]], status: S[r[11]],
            n: r[12], conf: r[13], r: r[15], actor: S[r[16]], approx: r[17] === 1,
            src: r[14].map(function (q) { return [S[q[0]], S[q[1]]]; })};
  };
  window.cmPoints = function (rows) {
    return {type: 'FeatureCollection', features: rows.map(function (r) {
      return {type: 'Feature', geometry: {type: 'Point', coordinates: [r[0], r[1]]},
              properties: r};
    })};
  };
  // a grid-cell row (see _cell_rows in dashboard/map.py)
  window.cmCell = function (r, S) {
    return {lon: r[0], lat: r[1], n: r[2], killed: r[3], injured: r[4], approx: r[5], undated: r[6],
            first: S[r[7]], last: S[r[8]], south: r[10], west: r[11],
            top: r[9].map(function (t) { return [S[t[0]], t[1]]; })};
  };
  window.cmShort = function (n) {
    if (n >= 10000) { return Math.round(n / 1000) + 'k'; }
    if (n >= 1000) { return (Math.round(n / 100) / 10) + 'k'; }
    return String(n);
  };
  window.cmCellPopup = function (c, data) {
    var places = data.kind === 'places';
    var rows = ['<b>' + cmEsc(c.n.toLocaleString('en')) + ' ' + cmEsc(c.n === 1 ? data.one : data.noun) + '</b>',
      'Cell ' + cmEsc(c.south) + '\u2013' + cmEsc(c.south + data.deg) + '\u00b0N, ' +
      cmEsc(c.west) + '\u2013' + cmEsc(c.west + data.deg) + '\u00b0E'];
    if (!places) {
      rows.push('Dates: ' + (c.first ? cmEsc(c.first) + (c.last !== c.first ? '\u2013' + cmEsc(c.last) : '')
                                     : '<i>none</i>') + (c.undated ? ' (' + cmEsc(c.undated) + ' undated)' : ''));
    }
    if (data.kind === 'casualty_report') {
      rows.push('Killed: ' + cmEsc(c.killed) + ' \u00b7 Injured: ' + cmEsc(c.injured));
    }
    if (c.top.length) {
      rows.push((places ? 'Most mentioned: ' : 'Most frequent: ') + c.top.map(function (t) {
        return (places ? cmEsc(t[0] || '?') : cmLabel(t[0] || 'unspecified')) + ' ' + cmEsc(t[1]);
      }).join(' \u00b7 '));
    }
    if (c.approx) {
      rows.push('<i>' + cmEsc(c.approx) + ' located only to a district or region</i>');
    }
    rows.push('<span class="cm-art">More than ' + cmEsc(data.limit.toLocaleString('en')) +
              ' points: narrow the filters to see single events.</span>');
    return '<div class="cm-popup">' + rows.join('<br>') + '</div>';
  };
  window.cmEventPopup = function (p) {
    var rows = [
      '<b>' + cmEsc(p.type) + '</b>' + (p.sub ? ' \u00b7 ' + cmLabel(p.sub) : ''),
      'Place: ' + (p.place ? cmEsc(p.place) : '\u2014') + (p.oblast ? ' (' + cmEsc(p.oblast) + ')' : '') +
        (p.approx ? ' <i>(located only to a district or region)</i>' : ''),
      'Date: ' + (p.date ? cmEsc(p.date) : '<i>undated</i>')
    ];
    if (p.killed !== null || p.injured !== null) {
      rows.push('Killed: ' + (p.killed === null ? '?' : cmEsc(p.killed)) +
        ' \u00b7 Injured: ' + (p.injured === null ? '?' : cmEsc(p.injured)));
    }
    if (p.actor) { rows.push('Actor: ' + cmEsc(p.actor)); }
    if (p.cas) { rows.push('Figures stated: ' + cmEsc(p.cas)); }
    if (p.by) { rows.push('Claimed by: ' + cmEsc(p.by) + (p.status ? ' (' + cmEsc(p.status) + ')' : '')); }
    rows.push('Sources: ' + cmEsc(p.n) + ' \u00b7 confidence ' + cmEsc(p.conf));
    return '<div class="cm-popup">' + rows.join('<br>') + cmQuotes(p.src) + '</div>';
  };
  window.cmEventTooltip = function (p) {
    return cmEsc(p.type) + (p.sub ? ' \u00b7 ' + cmLabel(p.sub) : '') + ' \u00b7 ' +
      cmEsc(p.place || p.oblast || '') + ' \u00b7 ' + (p.date ? cmEsc(p.date) : 'undated');
  };

  // panes with a fixed stacking, the sea colour, zoom limits and the style's CSS variables
  window.cmSetup = function (map, options) {
    options.panes.forEach(function (p) {
      var pane = map.getPane(p[0]) || map.createPane(p[0]);
      pane.style.zIndex = p[1];
      if (!p[2]) { pane.style.pointerEvents = 'none'; }
    });
    var container = map.getContainer();
    container.style.background = options.sea;
    Object.keys(options.vars).forEach(function (name) {
      container.style.setProperty(name, options.vars[name]);
    });
    map.setMinZoom(3);
    map.setMaxZoom(18);  // no tile layer sets it, and marker clusters need it
  };

  window.cmLegend = function (map, html) {
    var legend = L.control({position: 'bottomright'});
    legend.onAdd = function () {
      var div = L.DomUtil.create('div');
      div.innerHTML = html;
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      return div;
    };
    legend.addTo(map);
  };

  function eventPopups(S) {
    return function (f, layer) {
      layer.bindTooltip(function () { return cmEventTooltip(cmEvent(f.properties, S)); });
      layer.bindPopup(function () { return cmEventPopup(cmEvent(f.properties, S)); },
                      {maxWidth: 360, maxHeight: 300});
    };
  }

  window.cmLayers = {
    countries: function (data, map) {
      var colours = data.colours;
      var options = {pane: 'cm-basemap', interactive: false,
        style: function (f) {
          if (f.properties.kind === 'line') { return {color: colours.line, weight: 1, fill: false}; }
          return {stroke: false, fillColor: f.properties.focus ? colours.focus : colours.land,
                  fillOpacity: 1};
        }};
      var group = L.featureGroup([L.geoJson(data.window, L.extend({attribution: data.attribution}, options))]);
      // the coarse rest of the world lies outside the first view: drawn after the first frame
      requestAnimationFrame(function () {
        setTimeout(function () { group.addLayer(L.geoJson(JSON.parse(data.world), options)); }, 0);
      });
      return group;
    },

    admin1: function (data, map) {
      var group = L.featureGroup();
      // faint dashed lines under everything else: drawn after the first frame
      requestAnimationFrame(function () {
        setTimeout(function () {
          group.addLayer(L.geoJson(JSON.parse(data.lines), {pane: 'cm-basemap', interactive: false,
            style: {color: data.colour, weight: 0.6, dashArray: '3 3', fill: false}}));
        }, 0);
      });
      return group;
    },

    labels: function (data, map) {
      var group = L.layerGroup();
      data.forEach(function (c) {
        L.marker([c[1], c[2]], {pane: 'cm-labels', interactive: false, keyboard: false,
          icon: L.divIcon({className: '', iconSize: null,
            html: '<div class="cm-country" style="transform:translate(-50%,-50%)">' +
                  cmEsc(c[0]) + '</div>'})}).addTo(group);
      });
      return group;
    },

    border: function (data, map) {
      return L.geoJson(data.fc, {pane: 'cm-border', interactive: false,
        style: {color: data.colour, weight: 3, opacity: 0.9, fill: false}});
    },

    choropleth: function (data, map) {
      return L.geoJson(data.fc, {pane: 'cm-choropleth',
        style: function (f) {
          return {color: '#8a8a8a', weight: 0.8, fillColor: f.properties.fill,
                  fillOpacity: f.properties.value > 0 ? 0.55 : 0.08};
        },
        onEachFeature: function (f, layer) {
          var p = f.properties;
          layer.bindTooltip(cmEsc(p.name) + ': ' + cmEsc(p.value) + ' ' + cmEsc(data.metric),
                            {sticky: true});
          layer.bindPopup('<div class="cm-popup"><b>' + cmEsc(p.name) + '</b> (' + cmEsc(p.code) +
            ')<br>Place mentions: ' + cmEsc(p.mentions) +
            '<br>Frontline incidents: ' + cmEsc(p.incidents) +
            '<br>Casualty reports: ' + cmEsc(p.reports) +
            '<br>Killed: ' + cmEsc(p.killed) + ' \u00b7 Injured: ' + cmEsc(p.injured) +
            (p.claimed ? '<br><b>Claimed annexation</b>' : '') + '</div>');
          layer.on('mouseover', function () { layer.setStyle({weight: 2, color: '#333'}); });
          layer.on('mouseout', function () { layer.setStyle({weight: 0.8, color: '#8a8a8a'}); });
        }});
    },

    claims: function (data, map) {
      var hatch = new L.StripePattern({weight: 2, spaceWeight: 5, color: data.colour, opacity: 0.75,
                                       angle: 45});
      hatch.addTo(map);
      return L.geoJson(data.fc, {pane: 'cm-claims',
        style: {color: data.colour, weight: 2, dashArray: '6 4', fillPattern: hatch, fillOpacity: 1},
        onEachFeature: function (f, layer) {
          var p = f.properties, S = map._cmS;
          layer.bindTooltip('Claimed annexation: ' + cmEsc(S[p.oblast]), {sticky: true});
          layer.bindPopup(function () {
            return '<div class="cm-popup"><b>Claimed annexation \u00b7 ' + cmEsc(S[p.oblast]) +
              '</b>' + p.claims.map(function (r) {
                var c = cmEvent(r, S);
                return '<hr style="margin:4px 0">' + cmLabel(c.sub) + ' \u00b7 ' +
                  (c.date ? cmEsc(c.date) : '<i>undated</i>') +
                  (c.by ? ' \u00b7 claimed by ' + cmEsc(c.by) : '') +
                  (c.status ? ' (' + cmEsc(c.status) + ')' : '') +
                  '<br>Sources: ' + cmEsc(c.n) + ' \u00b7 confidence ' + cmEsc(c.conf) +
                  cmQuotes(c.src);
              }).join('') + '</div>';
          }, {maxWidth: 360, maxHeight: 300});
        }});
    },

    incidents: function (data, map) {
      var S = map._cmS;
      return L.geoJson(cmPoints(data.rows), {
        pointToLayer: function (f, latlng) {
          var s = data.styles[S[f.properties[3]]] || data.fallback;
          return L.marker(latlng, {pane: 'cm-incidents', icon: L.divIcon({className: '',
            iconSize: [24, 24], iconAnchor: [12, 12],
            html: '<div class="cm-icon' + (f.properties[17] === 1 ? ' cm-approx' : '') +
                  '" style="background:' + s[1] + '"><i class="fa-solid fa-' +
                  s[0] + '"></i></div>'})});
        },
        onEachFeature: eventPopups(S)});
    },

    casualties: function (data, map) {
      var S = map._cmS;
      return L.geoJson(cmPoints(data.rows), {
        pointToLayer: function (f, latlng) {
          var approx = f.properties[17] === 1;  // located only to a district or region: dashed, paler
          return L.circleMarker(latlng, {pane: 'cm-casualties', radius: f.properties[15],
            color: data.edge, weight: 1.2, fillColor: data.fill, fillOpacity: approx ? 0.25 : 0.5,
            dashArray: approx ? '3 3' : null});
        },
        onEachFeature: eventPopups(S)});
    },

    // grid cells of many points (see _cell_rows in dashboard/map.py): one counted marker per cell
    cells: function (data, map) {
      var S = map._cmS, group = L.featureGroup();
      var shift = {left: function (d) { return [d - 3, d / 2]; },
                   right: function (d) { return [3, d / 2]; },
                   below: function (d) { return [d / 2, -3]; }}[data.anchor] ||
                  function (d) { return [d / 2, d / 2]; };
      data.rows.forEach(function (r) {
        var c = cmCell(r, S), d = Math.round(Math.min(18 + 6 * Math.log10(Math.max(c.n, 1)), 40));
        var marker = L.marker([c.lat, c.lon], {pane: data.pane, keyboard: false, icon: L.divIcon({
          className: '', iconSize: [d, d], iconAnchor: shift(d),
          html: '<div class="cm-cell" style="background:' + data.colour + ';width:' + d + 'px;height:' +
                d + 'px;line-height:' + (d - 4) + 'px">' + cmEsc(cmShort(c.n)) + '</div>'})});
        marker.bindTooltip(function () {
          return cmEsc(c.n.toLocaleString('en')) + ' ' + cmEsc(c.n === 1 ? data.one : data.noun) + ' in this ' +
            cmEsc(data.deg) +
            '\u00b0 cell';
        });
        var box = null;
        marker.bindPopup(function () { return cmCellPopup(c, data); }, {maxWidth: 340});
        marker.on('popupopen', function () {
          box = L.rectangle([[c.south, c.west], [c.south + data.deg, c.west + data.deg]],
            {pane: data.pane, interactive: false, color: data.colour, weight: 1.5, dashArray: '4 3',
             fillOpacity: 0.08}).addTo(map);
        });
        marker.on('popupclose', function () { if (box) { map.removeLayer(box); box = null; } });
        group.addLayer(marker);
      });
      return group;
    },

    places: function (data, map) {
      var cluster = L.markerClusterGroup({showCoverageOnHover: false, maxClusterRadius: 45,
                                          chunkedLoading: true, clusterPane: 'cm-places'});
      var icon = L.divIcon({className: '', iconSize: [10, 10], html: '<div class="cm-dot"></div>'});
      var S = map._cmS;
      var geo = L.geoJson(cmPoints(data.rows), {
        pointToLayer: function (f, latlng) {
          return L.marker(latlng, {icon: icon, pane: 'cm-places'});
        },
        onEachFeature: function (f, layer) {
          var r = f.properties;
          var p = {name: S[r[2]], text: S[r[3]], kind: S[r[4]], oblast: S[r[5]], article: S[r[6]],
                   conf: r[7], reason: S[r[8]]};
          layer.bindTooltip(function () {
            return cmEsc(p.name) + (p.text && p.text !== p.name ? ' (\u201c' + cmEsc(p.text) +
                                    '\u201d)' : '');
          });
          layer.bindPopup(function () {
            return '<div class="cm-popup"><b>' + cmEsc(p.name) + '</b> \u00b7 ' + cmLabel(p.kind) +
              '<br>Text: \u201c' + cmEsc(p.text) + '\u201d' +
              (p.oblast ? '<br>Oblast: ' + cmEsc(p.oblast) : '') +
              '<br>Article: <span class="cm-art">' + cmEsc(p.article) + '</span>' +
              '<br>Confidence ' + cmEsc(p.conf) + (p.reason ? '<br>Why: ' + cmEsc(p.reason) : '') +
              '</div>';
          }, {maxWidth: 340});
        }});
      cluster.addLayers(geo.getLayers());
      return cluster;
    }
  };
})();
