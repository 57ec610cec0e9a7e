/* Keyboard, start-up and the public window.argmap API (documented in docs/page.md). */

function typing(t) { return t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.isContentEditable); }
function initKeyboard() {
  doc.addEventListener("keydown", function (ev) {
    if (ev.defaultPrevented || ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    if (ev.key === "/" && !typing(ev.target)) { ev.preventDefault(); $("search").focus(); $("search").select(); return; }
    if (ev.key === "Escape" && !typing(ev.target)) {
      if (S.current !== null || S.keep) { reset(); }
      else if (S.focusStack.length) { unfocus(S.focusStack.length - 1); }
      else if (S.view !== "map") { showView("map"); }
      return;
    }
    if ((ev.key === "f" || ev.key === "F") && !typing(ev.target) && S.current !== null) { focusOn(S.current); }
  });
}
function fitHeight() {
  var bar = doc.querySelector(".bar"), crumbs = $("breadcrumb");
  var h = bar.offsetHeight + (crumbs.hidden ? 0 : crumbs.offsetHeight);
  doc.documentElement.style.setProperty("--bar-h", h + "px");
}

function start(data) {
  doc.body.classList.remove("no-js");
  S = createState(data);
  S.vis = createVis($("map"));
  initEssay();
  initPanel();
  initMatrix();
  initSearch();
  initExport();
  initKeyboard();
  fitHeight();
  window.addEventListener("resize", fitHeight);
  S.vis.start();
  refreshVisibility();
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
    showAll: showAll, showView: showView, showEssay: showEssay, exportPNG: exportPNG, mapJSON: mapJSON, exportJSON: exportJSON,
    weakSpots: function () { return S.checks.map(function (c) { return { node: c[0] >= 0 ? ids[c[0]] : null, code: c[1], severity: c[2], message: c[3], hint: c[4] }; }); }
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
