/* Search, filters and focus mode: what is highlighted and what is shown (positions never change,
 * except in focus mode). */

// -- search -----------------------------------------------------------------------------------
function haystack() {
  if (!S.hay) {
    S.hay = new Array(S.N);
    for (var j = 0; j < S.N; j++) {
      var r = S.data.nodes[j];
      S.hay[j] = [labelOf(j), r[5], r[7] || "", (r[9] || []).join(" ")].join("\n").toLowerCase();
    }
  }
  return S.hay;
}
/* Nodes whose label, text, source or tags contain every word of the query (reading order). */
function search(query) { return S.vis.batch(function () { return search_(query); }); }
function search_(query) {
  var words = String(query || "").toLowerCase().split(/\s+/).filter(Boolean);
  S.matches = []; S.matchAt = -1;
  if (!words.length) { setText("search-count", ""); applyHighlight(null); S.current = null; hidePanels(); return []; }
  var h = haystack();
  for (var j = 0; j < S.N; j++) {
    var ok = true;
    for (var w = 0; w < words.length && ok; w++) { ok = h[j].indexOf(words[w]) >= 0; }
    if (ok) { S.matches.push(j); }
  }
  var mask = new Uint8Array(S.N);
  S.matches.forEach(function (x) { mask[x] = 1; });
  S.current = null;
  applyHighlight(mask);
  S.vis.unselect();
  setText("search-count", S.matches.length ? S.matches.length + " found" : "none found");
  if (S.matches.length) { nextMatch(1); }
  return toIds(S.matches);
}
function nextMatch(step) { return S.vis.batch(function () { return nextMatch_(step); }); }
function nextMatch_(step) {
  var M = S.matches;
  if (!M.length) { return null; }
  S.matchAt = (S.matchAt + step + M.length) % M.length;
  var x = M[S.matchAt], id = S.ids[x];
  setText("search-count", (S.matchAt + 1) + " of " + M.length);
  if (!S.hiddenN[x]) {
    S.vis.select([x]);
    S.vis.focusNode(x);
  }
  showDetails(trace(id));
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
      if (!S.matches.length || box.getAttribute("data-query") !== words) { search(words); box.setAttribute("data-query", words); }
      else { nextMatch(ev.shiftKey ? -1 : 1); }
    } else if (ev.key === "Escape") {
      ev.preventDefault(); ev.stopPropagation();
      clearTimeout(timer);
      box.value = ""; box.removeAttribute("data-query");
      search(""); reset();
      doc.body.removeAttribute("data-match");
    }
  });
  box.addEventListener("input", function () { box.setAttribute("data-query", box.value); });
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
