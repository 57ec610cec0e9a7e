/* The side panel: the selected statement's details and trace lists, the matrix path, the weak-spot
 * list and the keyboard-navigable statement list; and select / reset / showPath, which drive it. */

function nodeButton(x, extra) {
  var r = S.data.nodes[x], kind = S.KINDS[r[1]];
  var btn = el("button", "trace-item kind-" + kind.kind);
  btn.type = "button";
  btn.setAttribute("data-node", r[0]);
  btn.appendChild(el("span", "badge kind-badge kind-" + kind.kind, kind.symbol + " " + kind.name));
  btn.appendChild(doc.createTextNode(" " + labelOf(x)));
  var conf = confName(x);
  if (conf) { btn.appendChild(doc.createTextNode(" ")); btn.appendChild(el("span", "badge confidence", conf)); }
  if (extra) { btn.appendChild(doc.createTextNode(" ")); btn.appendChild(el("span", "badge", extra)); }
  return btn;
}
/* A trace list shows its first TRACE_FIRST statements; a "Show all" button (a real button: Tab
 * and Enter reach it) adds the rest when asked. Built off the document, attached once. */
var TRACE_FIRST = 100;
function listItems(frag, list, from, to) {
  for (var j = from; j < to; j++) {
    var li = el("li");
    li.appendChild(nodeButton(S.index.get(list[j])));
    frag.appendChild(li);
  }
}
function fillList(listId, countId, list) {
  var ul = $(listId), frag = doc.createDocumentFragment(), n = Math.min(list.length, TRACE_FIRST);
  S.traceLists.set(listId, list);
  if (countId) { setText(countId, "(" + list.length + ")"); }
  listItems(frag, list, 0, n);
  if (list.length > n) { frag.appendChild(moreItem(listId, list.length, list.length - n, "statements")); }
  ul.textContent = "";
  ul.appendChild(frag);
}
function moreItem(listId, total, left, what) {
  var li = el("li", "more"), b = el("button", "show-all", "Show all " + total);
  b.type = "button";
  b.setAttribute("data-list", listId);
  b.setAttribute("aria-label", "Show all " + total + " " + what + " (" + left + " more)");
  li.appendChild(b);
  return li;
}
/* The rest of a trace list; the keyboard focus moves to the first statement added. */
function showAll(listId) {
  if (listId === "weak-list") { buildWeak(Infinity); return S.weakShown; }
  var ul = $(listId), list = S.traceLists.get(listId), more = ul && ul.querySelector("li.more");
  if (!more || !list) { return ul ? ul.querySelectorAll("[data-node]").length : 0; }
  var frag = doc.createDocumentFragment(), from = ul.querySelectorAll("[data-node]").length;
  listItems(frag, list, from, list.length);
  var first = frag.firstChild, refocus = doc.activeElement === more.firstChild;
  ul.replaceChild(frag, more);
  if (first && refocus) { first.firstChild.focus(); }
  return list.length;
}
function showOptional(cls, value, setter) {
  var show = value !== undefined && value !== null && value !== "" && !(Array.isArray(value) && !value.length);
  each("." + cls, function (n) { n.hidden = !show; });
  if (show) { setter(value); }
}
function showDetails(t) {
  var x = S.index.get(t.node), r = S.data.nodes[x], kind = S.KINDS[r[1]];
  $("panel-hint").hidden = true;
  $("path").hidden = true;
  $("details").hidden = false;
  setText("d-kind", kind.symbol + " " + kind.name);
  var conf = confName(x);
  setText("d-confidence", conf || "");
  $("d-confidence").hidden = !conf;
  var s = S.strengthOf[x], has = !isNaN(s);
  setText("d-strength", has ? "evidence strength " + formatStrength(s) : "");
  $("d-strength").hidden = !has;
  setText("d-label", labelOf(x));
  setText("d-text", r[5]);
  showOptional("d-source", r[7], function (v) { setText("d-source", v); });
  showOptional("d-quote", r[8], function (v) { setText("d-quote", v); });
  showOptional("d-tags", r[9], function (v) { setText("d-tags", v.join(", ")); });
  showOptional("d-note", r[10], function (v) { setText("d-note", v); });
  var weak = $("d-weak");
  weak.textContent = "";
  (S.weakOf[x] || []).forEach(function (j) { weak.appendChild(weakItem(j, false)); });
  var essayBtn = $("d-essay");
  if (essayBtn) { essayBtn.hidden = !S.passagesOf[x]; }
  fillList("rests-on", "n-rests-on", t.restsOn);
  fillList("relied-on-by", "n-relied-on-by", t.reliedOnBy);
  fillList("objections", "n-objections", t.objections);
  fillList("attacks", "n-attacks", t.attacks);
  fillList("answered-by", "n-answered-by", t.answeredBy);
  // an objection or rebuttal: what it attacks and what answers it; any other statement lists its
  // objections above, and here only what they rest on as well, when they rest on anything
  var attacker = S.attOut[x] === 1;
  $("attacks-part").hidden = !t.attacks.length;
  $("answered-part").hidden = !(attacker ? t.answeredBy.length : t.answeredBy.length > t.objections.length);
  setText("answered-title", attacker ? "Answered by" : "Objections and what they rest on");
  fillReviews($("d-reviews"), S.reviewOf[x]);
}
/* Review notes (by, date, text) as text: a list of <li>, or the section hidden when there are none. */
function fillReviews(ul, notes) {
  ul.textContent = "";
  var part = ul.parentNode;
  if (part && part.classList.contains("reviews")) { part.hidden = !(notes && notes.length); }
  (notes || []).forEach(function (n) {
    var li = el("li", "review-note");
    var who = [n.by, n.at].filter(function (v) { return v !== undefined && v !== null && v !== ""; }).map(String).join(", ");
    if (who) { li.appendChild(el("span", "review-by", who)); li.appendChild(doc.createTextNode(": ")); }
    li.appendChild(doc.createTextNode(String(n.text == null ? "" : n.text)));
    ul.appendChild(li);
  });
}
/* The panel starts at the top whenever the selection changes, so the new details are in view. */
function panelToTop() {
  var p = $("panel");
  if (p) { p.scrollTop = 0; }
}
function hidePanels() {
  $("details").hidden = true; $("path").hidden = true; $("panel-hint").hidden = false;
}

/* Highlight a node's trace; returns the highlighted ids (the node first). */
function select(id, opts) { return S.vis.batch(function () { return select_(id, opts); }); }
function select_(id, opts) {
  opts = opts || {};
  var t = trace(id), lit = traceMask(t), x = S.index.get(id);
  S.current = id;
  applyHighlight(lit.mask);
  S.vis.select([x]);
  showDetails(t);
  panelToTop();
  markPassages(x, !opts.noEssayScroll);
  markTreeItem(x);
  $("focus-button").disabled = false;
  doc.body.setAttribute("data-selected", id);
  if (opts.camera && !S.hiddenN[x]) { S.vis.showOnMap(lit.ids.map(function (n) { return S.index.get(n); }), x); }
  return lit.ids;
}
function reset() { return S.vis.batch(reset_); }
function reset_() {
  S.current = null;
  applyHighlight(null);
  S.vis.unselect();
  hidePanels();
  markPassages(-1, false);
  $("focus-button").disabled = true;
  doc.body.removeAttribute("data-selected");
}
/* The matrix cell's path: the reason, the claims between, the evidence. Returns the ids. */
function showPath(reasonId, evidenceId) { return S.vis.batch(function () { return showPath_(reasonId, evidenceId); }); }
function showPath_(reasonId, evidenceId) {
  var r = nodeIndex(reasonId), ev = nodeIndex(evidenceId), link = null, M = S.matrix;
  if (M) {
    for (var j = 0; j < M.links.length; j++) {
      var L = M.links[j];
      if (L[0] === r && L[1] === ev) { link = L; break; }
    }
  }
  var path = [r].concat(link ? link[3].slice().reverse() : [], [ev]);   // via: evidence side first
  var mask = new Uint8Array(S.N), out = [], lit = [];
  path.forEach(function (x) { if (!mask[x]) { mask[x] = 1; out.push(S.ids[x]); lit.push(x); } });
  S.current = null;
  showView("map");
  applyHighlight(mask);
  S.vis.select([r, ev]);
  $("panel-hint").hidden = true; $("details").hidden = true; $("path").hidden = false;
  panelToTop();
  var ol = $("path-list");
  ol.textContent = "";
  path.forEach(function (x, j) {
    var li = el("li");
    var how = j === 0 ? "rests on" : (j === path.length - 1 ? (link ? (link[2] ? "directly" : "through the claims above") + (levelName(link[4]) ? ", " + levelName(link[4]) : "") : "no link") : "via");
    li.appendChild(nodeButton(x, how));
    ol.appendChild(li);
  });
  markPassages(ev, true);
  doc.body.removeAttribute("data-selected");
  doc.body.setAttribute("data-path", out.join(" "));
  S.vis.fit(lit);
  return out;
}

// -- weak spots -------------------------------------------------------------------------------
/* One finding: the statement's label and the plain sentence first, then the hint, the code last
 * and small (kept for --select); the badge word in the colour of its rank. */
function weakItem(j, withNode) {
  var c = S.checks[j], look = badgeLook(c[5] || 7), li = el("li", "weak-item sev-" + c[2] + " " + look.cls);
  var holder = li;
  li.setAttribute("data-rank", String(c[5] || 7));
  if (withNode && c[0] >= 0) {
    holder = el("button", "weak-button");
    holder.type = "button";
    holder.setAttribute("data-node", S.ids[c[0]]);
    li.appendChild(holder);
  }
  holder.appendChild(el("span", "badge weak-badge " + look.cls, c[6] || "weak spot"));
  if (withNode && c[0] >= 0) { holder.appendChild(el("strong", "weak-label", " " + labelOf(c[0]))); }
  holder.appendChild(el("span", "weak-message", c[3]));
  if (c[4]) { holder.appendChild(el("span", "weak-hint", c[4])); }
  holder.appendChild(el("span", "weak-code", c[1]));
  return li;
}
/* A summary line for many findings of one kind ("10 pieces of evidence have no source."): a
 * disclosure whose items are built when it is first opened. */
function summaryItem(q) {
  var sm = S.summaries[q], look = badgeLook(sm.rank || 7), li = el("li", "weak-item weak-summary " + look.cls);
  li.setAttribute("data-rank", String(sm.rank || 7));
  var box = el("details"), head = el("summary");
  head.appendChild(el("span", "badge weak-badge " + look.cls, sm.badge || "weak spot"));
  head.appendChild(el("span", "weak-message", " " + sm.message));
  head.appendChild(el("span", "weak-code", sm.code));
  box.appendChild(head);
  var ul = el("ul", "weak-list");
  box.appendChild(ul);
  box.addEventListener("toggle", function () {
    if (!box.open || ul.firstChild) { return; }
    var frag = doc.createDocumentFragment();
    sm.items.forEach(function (j) { frag.appendChild(weakItem(j, true)); });
    ul.appendChild(frag);
  });
  li.appendChild(box);
  return li;
}
/* The weak-spot list, most harmful first: the first WEAK_FIRST items, then a "Show all" button
 * for the rest (a big map has thousands; kept in the document, they cost every later frame tens
 * of milliseconds of style, layout and paint, however far down the panel they are). Findings a
 * summary covers appear once, as that summary, where its first finding would be. */
var WEAK_FIRST = 200;
/* The list's entries: each finding no summary covers, and each summary once. */
function weakEntries() {
  var n = S.summaries.length;
  for (var j = 0; j < S.checks.length; j++) { if (S.summaryOf[j] < 0) { n++; } }
  return n;
}
/* Add entries until `count` are listed (or the finding at index `through` is, if given). */
function buildWeak(count, through) {
  var ul = $("weak-list"), frag = doc.createDocumentFragment(), total = S.checks.length;
  if (S.weakTotal === undefined) { S.weakTotal = weakEntries(); S.weakShown = 0; }
  for (; S.weakBuilt < total && (S.weakShown < count || (through !== undefined && S.weakBuilt <= through)); S.weakBuilt++) {
    var q = S.summaryOf[S.weakBuilt];
    if (q < 0) { frag.appendChild(weakItem(S.weakBuilt, true)); S.weakShown++; }
    else if (S.summaries[q].items[0] === S.weakBuilt) { frag.appendChild(summaryItem(q)); S.weakShown++; }
  }
  // findings a summary covers, after the last entry, need no button
  while (S.weakBuilt < total && S.summaryOf[S.weakBuilt] >= 0 && S.summaries[S.summaryOf[S.weakBuilt]].items[0] !== S.weakBuilt) { S.weakBuilt++; }
  var first = frag.firstChild, more = ul.querySelector(":scope > li.more"), refocus = more && doc.activeElement === more.firstChild;
  if (more) { ul.replaceChild(frag, more); } else { ul.appendChild(frag); }
  if (S.weakShown < S.weakTotal) { ul.appendChild(moreItem("weak-list", S.weakTotal, S.weakTotal - S.weakShown, "weak spots")); }
  if (refocus && first) { (first.querySelector("button, summary") || first).focus(); }
}
/* The summary lines over the map (one per summarised kind of finding); a click opens it in the panel. */
function buildMapSummaries() {
  var box = $("map-summaries");
  if (!box) { return; }
  box.textContent = "";
  S.summaries.forEach(function (sm, q) {
    var b = el("button", "map-note " + badgeLook(sm.rank || 7).cls, "\u26a0 " + sm.message);
    b.type = "button";
    b.setAttribute("data-summary", String(q));
    b.title = "Listed under Weak spots in the side panel (no badge on each statement)";
    box.appendChild(b);
  });
  box.addEventListener("click", function (ev) {
    var b = ev.target.closest("button[data-summary]");
    if (!b) { return; }
    var q = +b.getAttribute("data-summary");
    if (doc.body.classList.contains("panel-closed")) { setPane("panel", true, true); }
    $("sec-weak").open = true;
    buildWeak(0, S.summaries[q].items[0]);
    var li = $("weak-list").querySelectorAll(":scope > li.weak-summary")[q];
    if (li) { li.querySelector("details").open = true; li.scrollIntoView({ block: "nearest" }); li.querySelector("summary").focus(); }
  });
}

// -- statement list (a tree navigable by keyboard) ---------------------------------------------
function buildTree() {
  var T = S.tree;
  if (T.built) { return; }
  T.built = true;
  var tree = $("node-tree"), frag = doc.createDocumentFragment();
  outlineOrder().forEach(function (pair, j) {
    var x = pair[0], kind = S.KINDS[S.kindOf[x]];
    var item = el("div", "tree-item kind-" + kind.kind);
    item.setAttribute("role", "treeitem");
    item.setAttribute("aria-level", String(pair[1] + 1));
    item.setAttribute("data-node", S.ids[x]);
    item.setAttribute("aria-selected", "false");
    item.tabIndex = j === 0 ? 0 : -1;
    item.style.paddingLeft = (0.3 + Math.min(pair[1], 12) * 1.1) + "em";
    item.appendChild(el("span", "badge kind-badge kind-" + kind.kind, kind.symbol + " " + kind.name));
    item.appendChild(doc.createTextNode(" " + labelOf(x)));
    var conf = confName(x);
    if (conf) { item.appendChild(doc.createTextNode(" ")); item.appendChild(el("span", "badge confidence", conf)); }
    if (S.weakCount[x]) { item.appendChild(el("span", "badge weak-badge", "\u26a0")); }
    T.of[x] = j;
    T.items.push(item);
    frag.appendChild(item);
  });
  tree.appendChild(frag);
  tree.addEventListener("keydown", function (ev) {
    var at = T.items.indexOf(ev.target), last = T.items.length - 1;
    if (at < 0) { return; }
    var to = at;
    if (ev.key === "ArrowDown") { to = Math.min(last, at + 1); }
    else if (ev.key === "ArrowUp") { to = Math.max(0, at - 1); }
    else if (ev.key === "Home") { to = 0; }
    else if (ev.key === "End") { to = last; }
    else if (ev.key === "PageDown") { to = Math.min(last, at + 10); }
    else if (ev.key === "PageUp") { to = Math.max(0, at - 10); }
    else if (ev.key === "Enter" || ev.key === " ") {
      ev.preventDefault(); select(ev.target.getAttribute("data-node"), { camera: true }); return;
    } else if (ev.key === "f" || ev.key === "F") {
      ev.preventDefault(); ev.stopPropagation(); focusOn(ev.target.getAttribute("data-node")); return;
    } else { return; }
    ev.preventDefault();
    moveTree(to, true);
  });
}
function moveTree(to, focus) {
  var T = S.tree;
  if (!T.items.length) { return; }
  T.items[T.at].tabIndex = -1;
  T.at = to;
  T.items[to].tabIndex = 0;
  if (focus) { T.items[to].focus(); }
}
function markTreeItem(x) {
  var T = S.tree;
  if (!T.built) { return; }
  if (T.marked >= 0) { T.items[T.marked].setAttribute("aria-selected", "false"); T.marked = -1; }
  var j = T.of[x];
  if (j !== undefined) { T.items[j].setAttribute("aria-selected", "true"); T.marked = j; moveTree(j, false); }
}

function initPanel() {
  S.weakBuilt = 0;
  S.tree = { items: [], of: [], built: false, at: 0, marked: -1 };
  buildWeak(WEAK_FIRST);
  fillReviews($("map-reviews"), S.reviewMap);
  setText("n-weak", "(" + S.checks.length + ")");
  $("weak-none").hidden = S.checks.length > 0;
  $("panel").addEventListener("click", function (ev) {
    var all = ev.target.closest("button.show-all");
    if (all) { showAll(all.getAttribute("data-list")); return; }
    var target = ev.target.closest("[data-node]");
    if (target) { select(target.getAttribute("data-node"), { camera: true }); return; }
    if (ev.target.closest(".reset-button")) { reset(); fitMap(); }
  });
  $("focus-button").addEventListener("click", function () { focusOn(S.current); });
  $("d-focus").addEventListener("click", function () { focusOn(S.current); });
  $("sec-nodes").addEventListener("toggle", function () {
    if ($("sec-nodes").open) { buildTree(); if (S.current !== null) { markTreeItem(S.index.get(S.current)); } }
  });
  S.vis.onClick(function (x) { if (x !== null && x !== undefined) { select(S.ids[x]); } else { reset(); } });
  S.vis.onDoubleClick(function (x) { if (x !== null && x !== undefined) { focusOn(S.ids[x]); } });
}
