/* The query interface of aidlod's /sparql: YASGUI (vendored in yasgui/) set up for this endpoint.
 *
 * Loaded as a file, never inline, so the page's Content-Security-Policy keeps script-src 'self'.
 * Nothing here or in YASGUI as configured reaches another host: the endpoint is this server's
 * /sparql, PREFIX completion uses YASQE's bundled list (prefixCcApi stays null) plus the dataset's
 * prefixes, the class and property completers (which ask a remote vocabulary service) are off, no
 * CORS proxy and no link shortener are set, and the chart below draws SVG itself instead of loading
 * a charting library. The page's CSP (connect-src 'self') would block anything else anyway.
 */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var NUMERIC = ["integer", "decimal", "double", "float", "int", "long", "short", "byte", "nonNegativeInteger",
    "positiveInteger", "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort",
    "unsignedByte"].map(function (t) { return "http://www.w3.org/2001/XMLSchema#" + t; });
  var MAX_BARS = 100;

  function isNumber(term) {
    return !!term && term.type !== "uri" && NUMERIC.indexOf(term.datatype) >= 0 && isFinite(parseFloat(term.value));
  }

  function svgEl(name, attrs, text) {
    var el = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { el.setAttribute(k, String(attrs[k])); });
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function shorten(text, max) {
    return text.length > max ? text.slice(0, max - 1) + "\u2026" : text;
  }

  /* A YASR plugin: a bar chart of one numeric column against a label column, drawn as SVG. */
  function Chart(yasr) {
    this.yasr = yasr;
    this.label = "Chart";
    this.priority = 5;
    this.persistentConfig = {};
    this.svg = null;
  }

  Chart.prototype.columns = function () {
    var results = this.yasr.results;
    var vars = (results && results.getVariables()) || [];
    var rows = (results && results.getBindings()) || [];
    var numeric = vars.filter(function (v) {
      var bound = rows.filter(function (r) { return r[v]; });
      return bound.length > 0 && bound.every(function (r) { return isNumber(r[v]); });
    });
    return { vars: vars, rows: rows, numeric: numeric };
  };

  Chart.prototype.canHandleResults = function () {
    var c = this.columns();
    return c.rows.length > 0 && c.numeric.length > 0;
  };

  Chart.prototype.getIcon = function () {
    var icon = svgEl("svg", { viewBox: "0 0 16 16", width: 15, height: 15, "aria-hidden": "true" });
    [[1, 9, 3, 6], [6, 4, 3, 11], [11, 7, 3, 8]].forEach(function (b) {
      icon.appendChild(svgEl("rect", { x: b[0], y: b[1], width: b[2], height: b[3], fill: "currentColor" }));
    });
    return icon;
  };

  Chart.prototype.termText = function (term) {
    if (!term) return "";
    if (term.type !== "uri") return term.value;
    var prefixes = this.yasr.getPrefixes() || {};
    for (var p in prefixes) {
      if (term.value.indexOf(prefixes[p]) === 0) return p + ":" + term.value.slice(prefixes[p].length);
    }
    return term.value;
  };

  Chart.prototype.select = function (name, options, chosen, title) {
    var self = this;
    var label = document.createElement("label");
    label.className = "aidlod-chart-control";
    label.appendChild(document.createTextNode(title + " "));
    var sel = document.createElement("select");
    sel.name = name;
    options.forEach(function (o) {
      var opt = document.createElement("option");
      opt.value = o.value;
      opt.textContent = o.text;
      opt.selected = o.value === chosen;
      sel.appendChild(opt);
    });
    sel.addEventListener("change", function () {
      self.persistentConfig[name] = sel.value;
      self.yasr.storePluginConfig("chart", self.persistentConfig);
      self.draw(self.persistentConfig);
    });
    label.appendChild(sel);
    return label;
  };

  Chart.prototype.draw = function (persistentConfig) {
    this.persistentConfig = Object.assign({}, this.persistentConfig, persistentConfig || {});
    var c = this.columns();
    var value = c.numeric.indexOf(this.persistentConfig.value) >= 0 ? this.persistentConfig.value : c.numeric[0];
    var others = c.vars.filter(function (v) { return v !== value; });
    var labelVar = others.indexOf(this.persistentConfig.label) >= 0 ? this.persistentConfig.label
      : (others.filter(function (v) { return c.numeric.indexOf(v) < 0; })[0] || "");

    this.removeControls();
    this.controls = document.createElement("div");
    this.controls.className = "aidlod-chart-controls";
    this.controls.appendChild(this.select("value", c.numeric.map(function (v) { return { value: v, text: "?" + v }; }),
      value, "Value"));
    this.controls.appendChild(this.select("label", [{ value: "", text: "row number" }].concat(
      others.map(function (v) { return { value: v, text: "?" + v }; })), labelVar, "Label"));
    this.yasr.pluginControls.appendChild(this.controls);

    var self = this;
    var bars = c.rows.slice(0, MAX_BARS).map(function (r, i) {
      return { label: labelVar ? self.termText(r[labelVar]) : String(i + 1),
               value: r[value] ? parseFloat(r[value].value) : 0, text: r[value] ? r[value].value : "" };
    });
    var min = Math.min(0, Math.min.apply(null, bars.map(function (b) { return b.value; })));
    var max = Math.max(0, Math.max.apply(null, bars.map(function (b) { return b.value; })));
    var width = Math.max(480, this.yasr.resultsEl.clientWidth || 800);
    var labelWidth = 280, valueWidth = 110, rowHeight = 24, top = 8;
    var plot = width - labelWidth - valueWidth;
    var scale = function (v) { return max === min ? 0 : (v - min) / (max - min) * plot; };
    var height = top * 2 + bars.length * rowHeight;

    var svg = svgEl("svg", { width: width, height: height, viewBox: "0 0 " + width + " " + height,
                             role: "img", "aria-label": "Bar chart of ?" + value + (labelVar ? " by ?" + labelVar : ""),
                             "class": "aidlod-chart", xmlns: SVG });
    bars.forEach(function (b, i) {
      var y = top + i * rowHeight;
      var x0 = labelWidth + scale(Math.min(0, b.value)), x1 = labelWidth + scale(Math.max(0, b.value));
      var g = svgEl("g", { "class": "aidlod-chart-bar" });
      g.appendChild(svgEl("title", {}, b.label + ": " + b.text));
      g.appendChild(svgEl("text", { x: labelWidth - 8, y: y + rowHeight / 2, "text-anchor": "end",
                                    "dominant-baseline": "middle", "class": "aidlod-chart-label" }, shorten(b.label, 40)));
      g.appendChild(svgEl("rect", { x: x0, y: y + 3, width: Math.max(1, x1 - x0), height: rowHeight - 6,
                                    "class": b.value < 0 ? "aidlod-chart-negative" : "aidlod-chart-positive" }));
      g.appendChild(svgEl("text", { x: labelWidth + plot + 6, y: y + rowHeight / 2, "dominant-baseline": "middle",
                                    "class": "aidlod-chart-value" }, b.text));
      svg.appendChild(g);
    });
    svg.appendChild(svgEl("line", { x1: labelWidth + scale(0), x2: labelWidth + scale(0), y1: 0, y2: height,
                                    "class": "aidlod-chart-axis" }));
    this.svg = svg;
    this.yasr.resultsEl.appendChild(svg);
    if (c.rows.length > MAX_BARS) {
      var note = document.createElement("p");
      note.className = "aidlod-chart-note";
      note.textContent = "The first " + MAX_BARS + " of " + c.rows.length + " rows are shown; the table has them all.";
      this.yasr.resultsEl.appendChild(note);
    }
  };

  Chart.prototype.download = function (filename) {
    var svg = this.svg;
    if (!svg) return undefined;
    return {
      getData: function () { return new XMLSerializer().serializeToString(svg); },
      contentType: "image/svg+xml",
      title: "Download the chart (SVG)",
      filename: (filename || "chart") + ".svg"
    };
  };

  Chart.prototype.removeControls = function () {
    if (this.controls) this.controls.remove();
    this.controls = undefined;
  };

  Chart.prototype.destroy = function () {
    this.removeControls();
    this.svg = null;
  };

  /* A result the endpoint cut at its --max-rows says so only in a response header (X-Result-Truncated):
   * the table would otherwise look complete. A line above the results says how to page through the rest. */
  function noteTruncation(tab, response) {
    var yasr = tab.getYasr();
    if (!yasr || !yasr.rootEl || !yasr.rootEl.parentNode) return;
    var old = yasr.rootEl.parentNode.querySelector(".aidlod-truncated");
    if (old) old.remove();
    var cut = response && response.headers && typeof response.headers.get === "function"
      ? response.headers.get("X-Result-Truncated") : null;
    var most = cut && /max-rows=(\d+)/.exec(cut);
    if (!most) return;
    var note = document.createElement("p");
    note.className = "aidlod-truncated";
    note.setAttribute("role", "status");
    note.textContent = "Only the first " + Number(most[1]).toLocaleString("en") + " rows are shown: this endpoint " +
      "returns at most that many rows or triples for a query. Add ORDER BY with LIMIT and OFFSET to page through the rest.";
    yasr.rootEl.parentNode.insertBefore(note, yasr.rootEl);
  }

  /* Each tab's editor tells of its responses once it has run a query (YASGUI makes it when a tab is shown). */
  function watchResponses(yasgui) {
    yasgui.on("query", function (_yasgui, tab) {
      var yasqe = tab.getYasqe();
      if (!yasqe || yasqe.aidlodWatched) return;
      yasqe.aidlodWatched = true;
      yasqe.on("queryResponse", function (_yasqe, response) { noteTruncation(tab, response); });
    });
  }

  function prefixLines(prefixes) {
    return Object.keys(prefixes).map(function (p) { return "PREFIX " + p + ": <" + prefixes[p] + ">"; }).join("\n");
  }

  /* Names for the inputs YASGUI leaves unlabelled: the endpoint field and CodeMirror's textarea. */
  function labelInputs() {
    document.querySelectorAll(".yasgui .autocomplete:not([aria-label])").forEach(function (el) {
      el.setAttribute("aria-label", "SPARQL endpoint");
    });
    document.querySelectorAll(".yasqe .CodeMirror textarea:not([aria-label])").forEach(function (el) {
      el.setAttribute("aria-label", "SPARQL query");
    });
  }

  function start() {
    var config = JSON.parse(document.getElementById("sparql-ui-config").textContent);
    var Yasqe = Yasgui.Yasqe, Yasr = Yasgui.Yasr;
    var endpoint = new URL(window.location.pathname, window.location.origin).href;  // this page is /sparql

    // Completion without remote services: 'class' and 'property' ask a vocabulary service on the web.
    Yasqe.defaults.autocompleters = ["prefixes", "variables"];
    var bundled = Yasqe.Autocompleters.prefixes;
    var own = Object.keys(config.prefixes).map(function (p) { return p + ": <" + config.prefixes[p] + ">"; });
    Yasqe.registerAutocompleter(Object.assign({}, bundled, {
      persistenceId: "aidlod-prefixes",
      get: function (yasqe) {
        return bundled.get(yasqe).then(function (list) {
          return own.concat(list.filter(function (x) { return own.indexOf(x) < 0; }));
        });
      }
    }), false);

    Yasr.registerPlugin("chart", Chart);
    Yasr.defaults.pluginOrder = ["table", "chart", "response"];

    var yasgui = new Yasgui(document.getElementById("yasgui"), {
      requestConfig: { endpoint: endpoint, method: "POST" },
      copyEndpointOnNewTab: true,
      endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
      corsProxy: undefined,
      populateFromUrl: true,        // shared links: /sparql#query=...&endpoint=... open as a tab
      autoAddOnInit: false,
      persistenceId: "aidlod-sparql-" + config.version,
      tabName: "Query",
      yasqe: { value: prefixLines(config.prefixes) + "\n\nSELECT * WHERE {\n  ?s ?p ?o\n} LIMIT 10\n" },
      yasr: { prefixes: config.prefixes }
    });

    // One tab per example query, the first time this browser opens this version of the page.
    var seededKey = "aidlod-sparql-seeded-" + config.version;
    var seeded = false;
    try { seeded = window.localStorage.getItem(seededKey) === "1"; } catch (e) { /* storage off: seed each time */ }
    if (!seeded) {
      var shared = yasgui.getTab();  // a tab opened from a shared link stays the active one
      config.examples.forEach(function (ex, i) {
        yasgui.addTab(!shared && i === 0, { name: ex.name, yasqe: { value: ex.query } });
      });
      try { window.localStorage.setItem(seededKey, "1"); } catch (e) { /* ignore */ }
    }
    if (!yasgui.getTab()) yasgui.addTab(true);
    labelInputs();
    watchResponses(yasgui);
    yasgui.on("tabSelect", function () { window.setTimeout(labelInputs, 0); });
    yasgui.on("tabAdd", function () { window.setTimeout(labelInputs, 0); });
    document.getElementById("sparql-ui-help").hidden = false;  // it describes the scripted page only
    window.aidlodYasgui = yasgui;  // for the browser test and the curious
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
