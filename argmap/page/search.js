/* Search, filters and focus mode: what is highlighted and what is shown (positions never change,
 * except in focus mode). */

// -- search -----------------------------------------------------------------------------------
/* Text for matching: accents removed (NFD, combining marks dropped), lower case. */
function fold(text) { return String(text == null ? "" : text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
/* Where search looks, per node, folded: [field name, text]. The essay's passages a node quotes come
 * from data.essay.marks (the text the essay really has there, not only the map's quote). */
var SEARCH_FIELDS = ["label", "text", "quote", "source", "note", "tags", "essay passage", "review note"];
function haystack() {
  if (!S.hay) {
    var essay = S.data.essay, passages = [], j;
    if (essay) {
      essay.marks.forEach(function (m) { (passages[m[0]] = passages[m[0]] || []).push(essay.text.slice(m[1], m[2])); });
    }
    S.hay = new Array(S.N);
    for (j = 0; j < S.N; j++) {
      var r = S.data.nodes[j];
      S.hay[j] = [labelOf(j), r[5], r[8] || "", r[7] || "", r[10] || "", (r[9] || []).join(" "),
                  (passages[j] || []).join("\n"), (S.reviewOf[j] || []).map(function (n) { return n.text; }).join("\n")].map(fold);
    }
  }
  return S.hay;
}
function escapeRegExp(t) { return t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
/* The query's tests: a query in "double quotes" is one phrase matched anywhere (inside words too);
 * otherwise every word must match, as a whole word unless `whole` is off. */
function queryTests(query, whole) {
  var q = fold(query).trim(), phrase = /^"(.*)"$/.exec(q);
  if (phrase) { q = phrase[1].trim(); return q ? [new RegExp(escapeRegExp(q).replace(/\s+/g, "\\s+"), "u")] : []; }
  return q.split(/\s+/).filter(Boolean).map(function (w) {
    var e = escapeRegExp(w);
    return new RegExp(whole ? "(?<![\\p{L}\\p{N}])" + e + "(?![\\p{L}\\p{N}])" : e, "u");
  });
}
/* Nodes where every test matches some field (reading order), each with the first field that
 * matched the first test. Shows the count and the list; the first Enter goes to match 1. */
function search(query, opts) { return S.vis.batch(function () { return search_(query, opts); }); }
function search_(query, opts) {
  var box = $("search"), whole = opts && opts.whole !== undefined ? !!opts.whole : (!box || !$("search-whole") || $("search-whole").checked);
  var tests = queryTests(query, whole);
  S.matches = []; S.matchAt = -1; S.matchWhere = [];
  S.searched = searchKey(query, whole);
  if (!tests.length) { S.searched = ""; setText("search-count", ""); showResults(); applyHighlight(null); S.current = null; hidePanels(); return []; }
  var h = haystack();
  for (var j = 0; j < S.N; j++) {
    var ok = true, where = -1;
    for (var w = 0; w < tests.length && ok; w++) {
      ok = false;
      for (var f = 0; f < h[j].length; f++) { if (tests[w].test(h[j][f])) { ok = true; if (w === 0 && where < 0) { where = f; } break; } }
    }
    if (ok) { S.matches.push(j); S.matchWhere.push(where); }
  }
  var mask = new Uint8Array(S.N);
  S.matches.forEach(function (x) { mask[x] = 1; });
  S.current = null;
  applyHighlight(mask);
  S.vis.unselect();
  setText("search-count", S.matches.length ? S.matches.length + " found \u2013 Enter to go through them" : "none found");
  showResults();
  return toIds(S.matches);
}
/* What a search ran with (the query and the whole-words switch), so Enter knows whether to run it. */
function searchKey(query, whole) {
  if (whole === undefined) { whole = !$("search-whole") || $("search-whole").checked; }
  return (whole ? "w" : "s") + String(query || "");
}
var RESULTS_FIRST = 100;
/* The matches in the panel, each with its kind and where the query was found. */
function showResults() {
  var part = $("results"), ol = $("result-list");
  if (!part) { return; }
  ol.textContent = "";
  var searching = !!S.searched && S.searched.length > 1;
  part.hidden = !searching;
  $("results-none").hidden = S.matches.length > 0;
  if (!searching) { return; }
  $("panel-hint").hidden = true;
  setText("n-results", "(" + S.matches.length + ")");
  var frag = doc.createDocumentFragment(), n = Math.min(S.matches.length, RESULTS_FIRST);
  for (var j = 0; j < n; j++) {
    var li = el("li");
    li.setAttribute("data-match-at", String(j));
    li.appendChild(nodeButton(S.matches[j], S.matchWhere[j] >= 0 ? "in " + SEARCH_FIELDS[S.matchWhere[j]] : null));
    frag.appendChild(li);
  }
  if (S.matches.length > n) { frag.appendChild(el("li", "hint", (S.matches.length - n) + " more: Enter goes through them all")); }
  ol.appendChild(frag);
  panelToTop();
}
function nextMatch(step) { return S.vis.batch(function () { return nextMatch_(step); }); }
function nextMatch_(step) {
  var M = S.matches;
  if (!M.length) { return null; }
  S.matchAt = S.matchAt < 0 ? (step > 0 ? 0 : M.length - 1) : (S.matchAt + step + M.length) % M.length;
  var x = M[S.matchAt], id = S.ids[x];
  setText("search-count", (S.matchAt + 1) + " of " + M.length);
  if (!S.hiddenN[x]) {
    S.vis.select([x]);
    S.vis.focusNode(x);
  }
  showDetails(trace(id));
  each("#result-list li[aria-current]", function (li) { li.removeAttribute("aria-current"); });
  var li = doc.querySelector('#result-list li[data-match-at="' + S.matchAt + '"]');
  if (li) { li.setAttribute("aria-current", "true"); }
  panelToTop();
  markPassages(x, true);
  doc.body.setAttribute("data-match", id);
  return id;
}

// -- filters ------------------------------------------------------------------------------------
function shown(j) {
  var f = S.filters;
  if (!f.kinds[S.kindOf[j]] || !f.confs[S.confOf[j] + 1]) { return false; }
  if (S.focusMask && !S.focusMask[j]) { return false; }
  if (f.connected && S.keep && !S.keep[j]) { return false; }
  return true;
}
function refreshVisibility() {
  return S.vis.batch(function () {
    var edgeHidden = new Uint8Array(S.E), j;
    for (j = 0; j < S.N; j++) { S.hiddenN[j] = shown(j) ? 0 : 1; }
    // edges themselves hide only for the attacks filter
    for (j = 0; j < S.E; j++) { edgeHidden[j] = !S.filters.attacks && S.edgeRel[j] !== SUPPORTS ? 1 : 0; }
    S.hiddenE = edgeHidden;
    doc.body.setAttribute("data-visible", String(S.vis.visibility(edgeHidden)));
    showFilterNote();
  });
}
function setFilter(name, value, on) {
  return S.vis.batch(function () {
    var f = S.filters;
    if (name === "kind") { f.kinds[typeof value === "number" ? value : kindIndex(value)] = !!on; }
    else if (name === "confidence") {
      var at = value === null || value === -1 ? 0 : (typeof value === "number" ? value + 1 : confIndex(value) + 1);
      f.confs[at] = !!on;
    } else if (name === "attacks") { f.attacks = !!value; }
    else if (name === "connected") { f.connected = !!value; }
    else { throw new Error("no filter " + name); }
    syncFilterInputs();
    refreshVisibility();
  });
}
/* How many filters are on: each kind or confidence left out, attacks hidden, "only connected". */
function filtersOn() {
  var f = S.filters, n = 0;
  f.kinds.forEach(function (on) { n += on ? 0 : 1; });
  f.confs.forEach(function (on) { n += on ? 0 : 1; });
  return n + (f.attacks ? 0 : 1) + (f.connected ? 1 : 0);
}
function showFilterNote() {
  var n = filtersOn(), note = $("filter-note");
  if (!note) { return n; }
  note.hidden = !n;
  setText("filter-count", n === 1 ? "1 filter on" : n + " filters on");
  doc.body.setAttribute("data-filters", String(n));
  return n;
}
/* Every filter back to showing everything. */
function clearFilters() {
  return S.vis.batch(function () {
    var f = S.filters;
    f.kinds.fill(true); f.confs.fill(true); f.attacks = true; f.connected = false;
    syncFilterInputs();
    refreshVisibility();
  });
}
function syncFilterInputs() {
  each(".f-kind", function (box) { box.checked = S.filters.kinds[+box.value]; });
  each(".f-conf", function (box) { box.checked = S.filters.confs[+box.value + 1]; });
  $("f-attacks").checked = S.filters.attacks;
  $("f-connected").checked = S.filters.connected;
}

// -- focus mode: only a node's support tree, laid out on its own (breadth-first levels, top-down) --
function focusLayout(root) {
  var mask = new Uint8Array(S.N), level = [root], placed = [], depth = 0, j;
  mask[root] = 1;
  while (level.length) {
    var off = (level.length - 1) / 2;
    for (j = 0; j < level.length; j++) { placed.push([level[j], (j - off) * 220, depth * 170]); }
    var next = [];
    for (j = 0; j < level.length; j++) {
      var kids = S.supIn[level[j]];
      for (var q = 0; q < kids.length; q++) { if (!mask[kids[q]]) { mask[kids[q]] = 1; next.push(kids[q]); } }
    }
    level = next; depth++;
  }
  return { mask: mask, placed: placed };
}
function applyFocus() {
  var stack = S.focusStack;
  if (!stack.length) { S.focusMask = null; S.vis.restore(); }
  else {
    var lay = focusLayout(nodeIndex(stack[stack.length - 1]));
    S.focusMask = lay.mask;
    S.vis.place(lay.placed);
  }
  refreshVisibility();
  renderBreadcrumb();
  doc.body.classList.toggle("focused", stack.length > 0);
  fitHeight();
  if (stack.length) { S.vis.fitShown(); } else { S.vis.fit(); }
}
function focusOn(id) { return S.vis.batch(function () { return focusOn_(id); }); }
function focusOn_(id) {
  id = id === undefined || id === null ? S.current : id;
  if (id === null) { return []; }
  nodeIndex(id);
  if (S.focusStack[S.focusStack.length - 1] !== id) { S.focusStack.push(id); }
  applyFocus();
  select(id, { keepFocus: true, noCamera: true });
  var out = [];
  for (var j = 0; j < S.N; j++) { if (S.focusMask[j]) { out.push(S.ids[j]); } }
  return out;
}
function unfocus(depth) { return S.vis.batch(function () { return unfocus_(depth); }); }
function unfocus_(depth) {
  S.focusStack.length = Math.max(0, Math.min(depth || 0, S.focusStack.length));
  applyFocus();
  if (S.current !== null) { select(S.current, { keepFocus: true, noCamera: true }); }
}
function renderBreadcrumb() {
  var nav = $("breadcrumb"), holder = $("crumbs");
  holder.textContent = "";
  nav.hidden = !S.focusStack.length;
  S.focusStack.forEach(function (id, j) {
    holder.appendChild(el("span", "sep", " \u203a "));
    var b = el("button", "crumb", labelOf(S.index.get(id)));
    b.type = "button";
    b.setAttribute("data-depth", String(j + 1));
    if (j === S.focusStack.length - 1) { b.setAttribute("aria-current", "true"); }
    holder.appendChild(b);
  });
}

function initSearch() {
  var box = $("search"), timer = null;
  box.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { search(box.value); }, S.N > 3000 ? 150 : 0);
  });
  box.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      ev.preventDefault();
      clearTimeout(timer);
      var words = box.value;
      if (S.searched !== searchKey(words)) { search(words); }
      nextMatch(ev.shiftKey ? -1 : 1);
    } else if (ev.key === "Escape") {
      ev.preventDefault(); ev.stopPropagation();
      clearTimeout(timer);
      box.value = "";
      search(""); reset();
      doc.body.removeAttribute("data-match");
    }
  });
  $("search-whole").addEventListener("change", function () { search(box.value); });
  $("filter-clear").addEventListener("click", function () { clearFilters(); });
  $("sec-filters").addEventListener("change", function (ev) {
    var t = ev.target, f = S.filters;
    if (t.classList.contains("f-kind")) { f.kinds[+t.value] = t.checked; }
    else if (t.classList.contains("f-conf")) { f.confs[+t.value + 1] = t.checked; }
    else if (t.id === "f-attacks") { f.attacks = t.checked; }
    else if (t.id === "f-connected") { f.connected = t.checked; }
    refreshVisibility();
  });
  $("breadcrumb").addEventListener("click", function (ev) {
    var b = ev.target.closest("button[data-depth]");
    if (b) { unfocus(+b.getAttribute("data-depth")); }
  });
}
