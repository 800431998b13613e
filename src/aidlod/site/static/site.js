/* aidlod pages: the copy button and the offline search/facets.
 * Runs from file:// as well as from a server: the index is a script (search.{lang}.js) that sets
 * window.AIDLOD_SEARCH, never fetched. Results are built with textContent only, so no text from
 * the data is ever parsed as HTML. */
(function () {
  "use strict";

  // The search normal form, step for step the index's (aidlod.site.text.fold): compatibility
  // decomposition, lower case, no mark (accents, hamza, dakuten) but the vowels and signs of the scripts
  // of South and Southeast Asia (the index's _WORD_MARK_BLOCKS, less their nuktas), ß as ss, ς as σ.
  // A browser without Unicode property escapes strips the Latin accents only (the script still runs).
  var MARKS = (function () {
    try {
      return new RegExp("[^\\P{M}\\u0900-\\u0dff\\u0e00-\\u0fff\\u1000-\\u109f\\u1780-\\u17ff\\u1a20-\\u1aaf" +
        "\\u1b00-\\u1b7f\\ua8e0-\\ua8ff\\ua980-\\ua9df\\uaa00-\\uaa5f]|[\\u093c\\u09bc\\u0a3c\\u0abc\\u0b3c\\u0cbc]", "gu");
    } catch (e) { return /[\u0300-\u036f]/g; }
  }());

  // One form of each Arabic-script letter that keyboards mix (ک ی ى ہ as ك ي ي ه), no tatweel, zero width
  // non-joiner or joiner: the index's _FOLD_LETTERS.
  // The digits of other scripts as ASCII ones (२०७८ as 2078): the zeros of the index's DIGIT_ZEROS. Then
  // katakana as hiragana (プログラム as ぷろくらむ), as the index folds them.
  var DIGIT_ZEROS = [0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6,
    0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810];
  var DIGITS = new RegExp("[" + DIGIT_ZEROS.map(function (zero) {
    return String.fromCharCode(zero) + "-" + String.fromCharCode(zero + 9);
  }).join("") + "]", "g");
  function asciiDigit(c) {
    var code = c.charCodeAt(0);
    for (var i = 0; i < DIGIT_ZEROS.length; i++) {
      if (code >= DIGIT_ZEROS[i] && code <= DIGIT_ZEROS[i] + 9) { return String(code - DIGIT_ZEROS[i]); }
    }
    return c;
  }
  function fold(text) {
    return text.normalize("NFKD").toLowerCase().replace(MARKS, "")
      .replace(/\u00df/g, "ss").replace(/\u03c2/g, "\u03c3")
      .replace(/[\u06a9\u06aa]/g, "\u0643").replace(/[\u06cc\u0649]/g, "\u064a").replace(/\u06c1/g, "\u0647")
      .replace(/[\u0640\u200c\u200d]/g, "").replace(DIGITS, asciiDigit)
      .replace(/[\u30a1-\u30f6]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0x60); });
  }

  function setupCopy() {
    var buttons = document.querySelectorAll("button.copy[data-copy]");
    Array.prototype.forEach.call(buttons, function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var text = button.getAttribute("data-copy");
        var done = function () {
          var ui = (window.AIDLOD_SEARCH && window.AIDLOD_SEARCH.ui) || {};
          var old = button.textContent;
          button.textContent = ui.copied || "\u2713";
          window.setTimeout(function () { button.textContent = old; }, 1500);
        };
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(text).then(done, function () {});
        }
      });
    });
  }

  function params() {
    var out = {};
    var query = window.location.search.replace(/^\?/, "");
    if (!query) { return out; }
    query.split("&").forEach(function (pair) {
      var kv = pair.split("=");
      try {
        out[decodeURIComponent(kv[0])] = decodeURIComponent((kv[1] || "").replace(/\+/g, " "));
      } catch (e) { /* a malformed query is ignored */ }
    });
    return out;
  }

  function render(list, status, found, root, ui) {
    while (list.firstChild) { list.removeChild(list.firstChild); }
    var shown = found.slice(0, 200);
    shown.forEach(function (item) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + item.h;
      a.textContent = item.l;
      if (item.ll) { a.lang = item.ll; }  // a name in another language than the interface's
      if (item.ld) { a.dir = item.ld; }
      li.appendChild(a);
      var small = document.createElement("span");
      small.className = "meta";
      small.textContent = " " + item.t + (item.x ? " \u00b7 " + item.x : "");
      li.appendChild(small);
      list.appendChild(li);
    });
    status.textContent = found.length ? (found.length === 1 && ui.result ? ui.result : ui.results)
      .replace("{n}", String(found.length)) : ui.no_results;
  }

  function matches(item, words) {
    for (var i = 0; i < words.length; i++) {
      if (item.s.indexOf(words[i]) < 0 && fold(item.l).indexOf(words[i]) < 0) { return false; }
    }
    return true;
  }

  // The index (search.{lang}.js, megabytes for thousands of activities) is loaded when a visitor first
  // searches, not with the page: a script element, which works from file:// as well. ``then`` runs
  // once it is there; a failure is said in the status line.
  var waiting = [];
  var loading = false;
  function withIndex(status, then) {
    if (window.AIDLOD_SEARCH) { then(); return; }
    var src = status.getAttribute("data-index");
    if (!src) { return; }
    if (waiting.indexOf(then) < 0) { waiting.push(then); }
    if (loading) { return; }
    loading = true;
    status.textContent = status.getAttribute("data-loading") || "";
    var script = document.createElement("script");
    script.src = src;
    script.onload = function () {
      var run = waiting;
      waiting = [];
      status.textContent = "";
      run.forEach(function (f) { f(); });
    };
    script.onerror = function () {
      waiting = [];
      loading = false;  // a later search tries again
      status.textContent = status.getAttribute("data-failed") || "";
      script.parentNode.removeChild(script);
    };
    document.head.appendChild(script);
  }

  function setupSearch() {
    var list = document.getElementById("site-search-results");
    var status = document.getElementById("site-search-status");
    if (!list || !status) { return; }
    var root = document.body.getAttribute("data-root") || "";
    var facetForm = document.querySelector("form.facets");
    var staticList = document.getElementById("site-static-list");
    var input = document.getElementById("site-search-q") || document.getElementById("facet-q");
    if (!input) { return; }
    var kind = facetForm ? facetForm.getAttribute("data-kind") : null;
    var selects = facetForm ? facetForm.querySelectorAll("select[data-facet]") : [];

    function update() {
      var words = fold(input.value).split(/\s+/).filter(function (w) { return w; });
      var chosen = {};
      var any = words.length > 0;
      Array.prototype.forEach.call(selects, function (sel) {
        if (sel.value) { chosen[sel.getAttribute("data-facet")] = sel.value; any = true; }
      });
      if (!any) {
        list.hidden = true;
        if (window.AIDLOD_SEARCH || !loading) { status.textContent = ""; }
        if (staticList) { staticList.hidden = false; }
        return;
      }
      var data = window.AIDLOD_SEARCH;
      if (!data) { withIndex(status, update); return; }
      // a listing's index holds each entry's facet values as positions in data.values[facet]
      var wanted = {};
      for (var c in chosen) {
        if (Object.prototype.hasOwnProperty.call(chosen, c)) {
          wanted[c] = (data.values[c] || []).indexOf(chosen[c]);
        }
      }
      var found = data.items.filter(function (item) {
        if (kind && item.k !== kind) { return false; }
        for (var f in wanted) {
          if (Object.prototype.hasOwnProperty.call(wanted, f)) {
            if (!item.f[f] || item.f[f].indexOf(wanted[f]) < 0) { return false; }
          }
        }
        return matches(item, words);
      });
      found.sort(function (a, b) {
        // Items whose own name matches come first (a project before the country it is in).
        var fa = words.length && fold(a.l).indexOf(words[0]) >= 0 ? 0 : 1;
        var fb = words.length && fold(b.l).indexOf(words[0]) >= 0 ? 0 : 1;
        return fa - fb;
      });
      render(list, status, found, root, data.ui);
      list.hidden = false;
      if (staticList) { staticList.hidden = true; }
    }

    var start = params();
    if (start.q) { input.value = start.q; }
    Array.prototype.forEach.call(selects, function (sel) {
      var want = start[sel.getAttribute("data-facet")];
      if (want) { sel.value = want; }
      sel.addEventListener("change", update);
    });
    input.addEventListener("input", update);
    // fetched as the box gets the focus, so that it is there by the time the first word is typed
    input.addEventListener("focus", function () { withIndex(status, function () {}); });
    var form = input.form;
    if (form) {
      form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
      form.addEventListener("reset", function () { window.setTimeout(update, 0); });
    }
    update();
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupCopy();
    setupSearch();
  });
}());
