/* Keyboard, start-up and the public window.argmap API (documented in docs/page.md). */

function typing(t) { return t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.isContentEditable); }
function initKeyboard() {
  doc.addEventListener("keydown", function (ev) {
    if (ev.defaultPrevented || ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    if (ev.key === "/" && !typing(ev.target)) { ev.preventDefault(); $("search").focus(); $("search").select(); return; }
    if (ev.key === "Escape" && !typing(ev.target)) {
      if (S.current !== null || S.keep) { reset(); fitMap(); }
      else if (S.focusStack.length) { unfocus(S.focusStack.length - 1); }
      else if (S.view !== "map") { showView("map"); }
      else { fitMap(); }
      return;
    }
    if (typing(ev.target)) { return; }
    if ((ev.key === "f" || ev.key === "F") && S.current !== null) { focusOn(S.current); }
    else if (ev.key === "0") { ev.preventDefault(); fitMap(); }
    else if (ev.key === "e" || ev.key === "E") { if ($("toggle-essay")) { setPane("essay", $("essay-panel").hidden, true); } }
    else if (ev.key === "d" || ev.key === "D") { setPane("panel", doc.body.classList.contains("panel-closed"), true); }
    else if ((ev.key === "o" || ev.key === "O") && S.overview) { setOverview(!S.overview.open, true); }
  });
}
function fitHeight() {
  var bar = doc.querySelector(".bar"), crumbs = $("breadcrumb");
  var h = bar.offsetHeight + (crumbs.hidden ? 0 : crumbs.offsetHeight);
  doc.documentElement.style.setProperty("--bar-h", h + "px");
}

// -- the first view: a map that fits at a readable size -------------------------------------------
var READABLE_PX = 12, PHONE_PX = 700;
function phone() { return window.innerWidth < PHONE_PX; }
/* The zoom at which labels are READABLE_PX on screen. */
function readableScale() { return READABLE_PX / (S.cards ? S.cards.minFont : 14); }
/* The page's state in its URL hash (essay=0|1, panel=0|1, dir=down|right), so a reload keeps it. */
function readHash() {
  var out = new Map();
  String(window.location.hash || "").replace(/^#/, "").split("&").forEach(function (part) {
    var eq = part.indexOf("=");
    if (eq > 0) { out.set(decodeURIComponent(part.slice(0, eq)), decodeURIComponent(part.slice(eq + 1))); }
  });
  return out;
}
function writeHash() {
  var parts = [];
  S.hash.forEach(function (v, key) { parts.push(encodeURIComponent(key) + "=" + encodeURIComponent(v)); });
  try { window.history.replaceState(null, "", "#" + parts.join("&")); } catch (err) { /* a sandboxed frame: no hash */ }
}
function mapSize() { var m = $("map"); return { width: m.clientWidth, height: m.clientHeight }; }
/* Open or close the essay pane or the side panel; `remember` writes the choice into the URL hash. */
function setPane(name, open, remember) {
  if (name === "essay") {
    if (!$("essay-panel")) { return; }
    $("essay-panel").hidden = !open;
    $("toggle-essay").setAttribute("aria-pressed", open ? "true" : "false");
    doc.body.classList.toggle("essay-open", !!open);
    if (open && S.marked.length) { scrollEssayTo(S.marked[0]); }
  } else {
    doc.body.classList.toggle("panel-closed", !open);
    $("toggle-panel").setAttribute("aria-pressed", open ? "true" : "false");
  }
  if (remember) { S.hash.set(name, open ? "1" : "0"); writeHash(); }
  if (S.vis) { fitHeight(); S.vis.redraw(); fitMap(); }
}
/* The direction a reader (the hash's) or the render option fixed, else null. */
function fixedDirection() {
  var fixed = S.hash.get("dir") || (S.data.direction !== "auto" ? S.data.direction : null);
  return fixed === "down" || fixed === "right" ? fixed : null;
}
/* The direction a card map is drawn in: a fixed one, or the one that fits best. */
function pickDirection() {
  var fixed = fixedDirection();
  if (fixed) { return fixed; }
  var size = mapSize();
  return bestDirection(size.width, size.height) || "down";   // on a phone: the narrowest drawing
}
function fitNow() {
  if (!S.cards) { return 0; }
  var size = mapSize();
  return fitScale(bestLayout(pickDirection(), size.width, size.height), size.width, size.height);
}
/* Before the map is drawn: each pane stays open only while the map still fits at a readable size
 * with it (the essay gives way first); a pane the reader opened or closed stays as they left it.
 * On a phone the panes sit under the map: the details panel stays, the essay starts closed. */
function choosePanes() {
  var fixed = { essay: S.hash.has("essay"), panel: S.hash.has("panel") };
  if (fixed.essay) { setPane("essay", S.hash.get("essay") === "1"); }
  if (fixed.panel) { setPane("panel", S.hash.get("panel") === "1"); }
  if (phone()) {
    if (!fixed.essay) { setPane("essay", false); }
    return;
  }
  if (!S.cards) { return; }
  ["essay", "panel"].forEach(function (name) {
    if (!fixed[name]) { fitHeight(); if (fitNow() < readableScale()) { setPane(name, false); } }
  });
}
/* The whole map in view; where that is below a readable size, as much of it as fits at a readable
 * size from its top, the thesis in view (without one, the first statement): where a reader starts. */
function firstView() {
  S.vis.fit();
  if (S.cards && S.vis.scale() < readableScale() - 1e-6) {
    var thesis = 0;
    for (var j = 0; j < S.N; j++) { if (S.kindOf[j] === 0) { thesis = j; break; } }
    S.vis.showTop(thesis, readableScale());
  }
}
/* "Fit", the 0 key, Escape, "Show the whole map" and the Map tab: the whole map in view. */
function fitMap() {
  if (!S.vis || S.view !== "map") { return; }
  fitHeight();
  S.vis.redraw();
  S.vis.fit();
}
function labelDirection(dir) {
  $("toggle-direction").textContent = dir === "down" ? "\u2193 Top-down" : "\u2192 Left-right";
  $("toggle-direction").setAttribute("aria-label", "Direction: " + (dir === "down" ? "top-down" : "left to right") + "; switch");
}
function setDirection(dir, which) {
  S.direction = dir;
  S.vis.setDirection(dir, which);
  labelDirection(dir);
  fitMap();
}
/* On a phone one-finger drags scroll the page: the map takes touches only after a tap on it, until
 * a tap elsewhere. The hint saying so shows while a finger is on the map and a moment after, as map
 * widgets on phones do, rather than always, where it covered the cards at the map's bottom. */
var HINT_MS = 2000;
function initTouch() {
  var shield = $("map-shield"), hintTimer = 0;
  function arm() { shield.hidden = !phone(); doc.body.classList.toggle("map-active", !phone()); }
  function hint(on) {
    clearTimeout(hintTimer);
    if (on) { shield.classList.add("hinting"); } else { hintTimer = setTimeout(function () { shield.classList.remove("hinting"); }, HINT_MS); }
  }
  shield.addEventListener("touchstart", function () { hint(true); }, { passive: true });
  shield.addEventListener("touchend", function () { hint(false); }, { passive: true });
  shield.addEventListener("touchcancel", function () { hint(false); }, { passive: true });
  shield.addEventListener("click", function (ev) {   // the tap that hands the map the touches also selects
    shield.hidden = true; doc.body.classList.add("map-active");
    var box = $("map").getBoundingClientRect(), x = S.vis.nodeAt(ev.clientX - box.left, ev.clientY - box.top);
    if (x !== null) { select(S.ids[x]); }
  });
  doc.addEventListener("pointerdown", function (ev) {
    if (phone() && !ev.target.closest(".views-area")) { arm(); }
  }, true);
  window.addEventListener("resize", arm);
  arm();
}

function start(data) {
  doc.body.classList.remove("no-js");
  S = createState(data);
  S.hash = readHash();
  initCards();
  if (S.cards) { $("toggle-direction").hidden = false; labelDirection("right"); }   // the toolbar as it will be
  buildMapSummaries();   // the notes over the map: the first view keeps the cards above them
  choosePanes();
  fitHeight();
  S.direction = S.cards ? pickDirection() : null;
  S.vis = createVis($("map"));
  initEssay();
  initPanel();
  initMatrix();
  initSearch();
  initExport();
  initKeyboard();
  initTouch();
  initOverview();
  fitHeight();
  window.addEventListener("resize", fitHeight);
  $("fit-button").addEventListener("click", fitMap);
  $("toggle-panel").addEventListener("click", function () { setPane("panel", doc.body.classList.contains("panel-closed"), true); });
  if (S.cards) {
    $("toggle-direction").addEventListener("click", function () {
      var dir = S.direction === "down" ? "right" : "down";
      S.hash.set("dir", dir); writeHash();
      setDirection(dir);
    });
    setDirection(S.direction);
  }
  S.vis.start();
  refreshVisibility();
  if (S.cards && S.positioned) { firstView(); }
  doc.body.setAttribute("data-view", "map");
  window.argmap = publicAPI();
}

function publicAPI() {
  var ids = S.ids, N = S.N;
  return {
    network: S.vis.network, nodes: S.vis.nodes, edges: S.vis.edges, data: S.data,
    /* vis-network knows node i (data.nodes[i]) as id i: these translate */
    visId: function (id) { return nodeIndex(id); },
    idOf: function (visId) { return ids[visId]; },
    opacity: function (id) { return S.dimmed[nodeIndex(id)] ? DIM : 1; },
    opacities: function () { var out = Object.create(null); for (var j = 0; j < N; j++) { Object.defineProperty(out, ids[j], { value: S.dimmed[j] ? DIM : 1, enumerable: true, writable: true, configurable: true }); } return out; },
    sync: function () { return S.vis.sync(); },
    select: function (id, opts) { return select(id, opts); }, reset: reset, trace: trace,
    selected: function () { return S.current; },
    highlighted: function () { var out = []; if (S.keep) { for (var j = 0; j < N; j++) { if (S.keep[j]) { out.push(ids[j]); } } } return out; },
    visible: function () { var out = []; for (var j = 0; j < N; j++) { if (!S.hiddenN[j]) { out.push(ids[j]); } } return out; },
    showPath: showPath, search: search, nextMatch: nextMatch,
    setFilter: setFilter, focus: focusOn, unfocus: unfocus, focusPath: function () { return S.focusStack.slice(); },
    fit: fitMap, direction: function () { return S.direction; }, setDirection: setDirection,
    /* how many drawings the layout made for a direction (setDirection(dir, i) draws the i-th) */
    drawings: function (dir) { return S.data.directions && S.data.directions[dir] ? S.data.directions[dir].length : 0; },
    /* the number of the drawing on screen in its direction's list (-1: not a card map) */
    drawing: function () { return S.cards ? S.drawing : -1; },
    /* what the reader sees: the zoom, the smallest label font size at zoom 1, and each shown node's box in
     * CSS px relative to the map element ([id, left, top, right, bottom]) */
    view: function () {
      return { scale: S.vis.scale(), fontSize: S.cards ? S.cards.minFont : 14, width: mapSize().width, height: mapSize().height,
               boxes: S.vis.boxes().map(function (b) { return [ids[b[0]], b[1], b[2], b[3], b[4]]; }) };
    },
    /* a card map's drawn links, each {from, to, relation, points: [[x, y], ...]} in canvas coordinates
     * (the same as positions()); null on a big map, whose links are vis-network's straight edges */
    edgePaths: function () {
      var list = S.vis.connectors();
      return list && list.map(function (c) {
        var e = c[0], pts = [];
        for (var j = 0; j < c[1].length; j += 2) { pts.push([c[1][j], c[1][j + 1]]); }
        return { from: ids[S.edgeFrom[e]], to: ids[S.edgeTo[e]], relation: S.RELS[S.edgeRel[e]].relation, points: pts };
      });
    },
    positions: function () { var xy = S.vis.positions(), out = []; for (var j = 0; j < N; j++) { out.push([ids[j], xy[2 * j], xy[2 * j + 1]]); } return out; },
    /* the overview in the map's corner (overview.js): {shown, open, width, height, view, origin, scale} */
    overview: overviewState,
    showPanel: function (on) { setPane("panel", !!on, true); return !!on; },
    showAll: showAll, showView: showView, showEssay: showEssay, exportPNG: exportPNG, mapJSON: mapJSON, exportJSON: exportJSON,
    weakSpots: function () { return S.checks.map(function (c) { return { node: c[0] >= 0 ? ids[c[0]] : null, code: c[1], severity: c[2], message: c[3], hint: c[4], rank: c[5], badge: c[6] }; }); },
    /* the badge word drawn on each node that has one ([id, word]) */
    badges: function () { return S.weakNodes.map(function (k) { return [ids[k], badgeOf(k).word]; }); },
    matches: function () { return toIds(S.matches); }, filtersOn: filtersOn, clearFilters: clearFilters, shorten: shorten
  };
}

/* Pages of more than 500 statements carry their data deflated and base64-encoded
 * (writers/html.py); the browser's own DecompressionStream unpacks it, with no request. */
function unpack(text) {
  var bin = atob(text), bytes = new Uint8Array(bin.length);
  for (var j = 0; j < bin.length; j++) { bytes[j] = bin.charCodeAt(j); }
  var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
  return new Response(stream).text();
}
function fail(why) {
  var note = doc.createElement("p");
  note.className = "load-error";
  note.setAttribute("role", "alert");
  note.textContent = "This page could not unpack its map: " + why +
    ". Open it in a current browser (Chrome 80, Firefox 113, Safari 16.4 or later), or run argmap outline for a text version.";
  doc.body.insertBefore(note, doc.body.firstChild);
}
function boot() {
  var holder = $("argmap-data");
  if (holder.getAttribute("data-encoding") === "deflate-base64") {
    if (typeof DecompressionStream !== "function") { fail("this browser has no DecompressionStream"); return; }
    unpack(holder.textContent).then(function (text) { return JSON.parse(text); }).then(function (data) {
      setTimeout(function () { start(data); }, 0);  // a bug in start() is an ordinary page error, not a rejection
    }, function (err) { fail(String(err && err.message || err)); });
  } else {
    start(JSON.parse(holder.textContent));
  }
}
boot();
