/* argmap page: draws the map from the embedded JSON and lets a reader explore it.
 *
 * The page's script is several files (argmap/page/*.js) that writers/html.py concatenates, in the
 * order of APP_SCRIPTS, into one function scope: data.js (this file: the data, its indexes and the
 * one state object S), traces.js, vis_adapter.js (the only code that touches vis-network), panel.js,
 * matrix.js, essay.js, search.js, export.js and main.js (keyboard, start, window.argmap).
 *
 * Safety: map text only ever reaches the document through textContent, text nodes, attribute
 * values set with setAttribute, or vis-network's canvas labels and plain-string tooltips; nothing
 * here builds HTML from data or parses markup at all.
 * Keys: a statement id may be any string (`constructor`, `__proto__`...), so no plain object is ever
 * keyed by one: ids map to node indexes through a Map, and vis-network knows nodes by index.
 * Analyses come from Python (weak spots, evidence matrix, essay offsets); the trace definitions
 * mirror argmap/analysis.py and the tests compare both, node by node.
 * Speed: every per-node loop is O(n); a change of highlight, filter or focus sends vis-network
 * only the items whose state changes.
 */
var doc = document;
var SUPPORTS = 0;   // index of "supports" in data.relations
/** The one state object: the map's data and indexes, and everything the reader has changed. */
var S = null;

function $(id) { return doc.getElementById(id); }
function el(tag, cls, text) {
  var node = doc.createElement(tag);
  if (cls) { node.className = cls; }
  if (text !== undefined && text !== null) { node.textContent = String(text); }
  return node;
}
function setText(id, text) { var n = $(id); if (n) { n.textContent = text == null ? "" : String(text); } }
function each(selector, fn) { Array.prototype.forEach.call(doc.querySelectorAll(selector), fn); }

/* model.shorten: one line, cut at a word boundary to at most `width` characters (code points). */
function shorten(text, width) {
  var t = String(text).split(/[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/).filter(Boolean).join(" ");
  var chars = Array.from(t);
  if (chars.length <= width) { return t; }
  var cut = chars.slice(0, width - 1).join("");
  var space = Array.from(cut).lastIndexOf(" ");
  if (space > Math.floor(width / 2)) { cut = Array.from(cut).slice(0, space).join(""); }
  return cut.replace(/[ ,;:.\-]+$/, "") + "\u2026";
}

/** The state object for one map: indexes built once (O(n + e)), view state at its defaults. */
function createState(data) {
  var N = data.nodes.length, E = data.edges.length, i, e, row;
  var s = {
    data: data, KINDS: data.kinds, CONF: data.confidences, RELS: data.relations, N: N, E: E,
    DARK: data.theme === "dark", BIG: data.big === true, positioned: data.layout !== "force",
    ids: new Array(N), index: new Map(), kindOf: new Uint8Array(N), confOf: new Int8Array(N),
    supIn: [], supOut: [], attIn: [], attackOut: [], allOut: [], predAll: [], attOut: new Uint8Array(N),
    edgeFrom: new Int32Array(E), edgeTo: new Int32Array(E), edgeRel: new Uint8Array(E),
    labels: new Array(N),
    // highlight and visibility
    dimmed: new Uint8Array(N), edgeDimmed: new Uint8Array(E), hiddenN: new Uint8Array(N), hiddenE: new Uint8Array(E),
    keep: null,          // Uint8Array of the highlighted nodes, or null
    litCount: N,         // nodes drawn highlighted
    current: null,       // the selected statement's id
    filters: { kinds: [], confs: [], attacks: true, connected: false },
    focusStack: [],      // ids, outermost first
    focusMask: null,
    moved: [],           // node indexes placed by the focus layout
    view: "map",
    drawing: -1,   // which of the layout's drawings for the direction is on screen
    matches: [], matchAt: -1,
    passagesOf: [], marked: [],
    traceLists: new Map()
  };
  for (i = 0; i < N; i++) {
    row = data.nodes[i];
    s.ids[i] = row[0];
    s.index.set(row[0], i);
    s.kindOf[i] = row[1];
    s.confOf[i] = row[6] === undefined ? -1 : row[6];
    s.supIn.push([]); s.supOut.push([]); s.attIn.push([]); s.attackOut.push([]); s.allOut.push([]); s.predAll.push([]);
  }
  for (e = 0; e < E; e++) {
    var ed = data.edges[e];
    s.edgeFrom[e] = ed[0]; s.edgeTo[e] = ed[1]; s.edgeRel[e] = ed[2];
    if (ed[2] === SUPPORTS) { s.supOut[ed[0]].push(ed[1]); s.supIn[ed[1]].push(ed[0]); }
    else { s.attIn[ed[1]].push(ed[0]); s.attackOut[ed[0]].push(ed[1]); s.attOut[ed[0]] = 1; }
    s.allOut[ed[0]].push(ed[1]); s.predAll[ed[1]].push(ed[0]);
  }
  // weak spots, matrix, strength (computed in Python)
  // [node, code, severity, message, hint, rank, badge word], most harmful first
  s.checks = data.checks.items.map(function (c) { return [c[0], c[1], c[2], c[3], data.checks.hints[c[4]], c[5], c[6]]; });
  s.summaries = data.checks.summaries || [];
  s.summaryOf = new Int32Array(s.checks.length).fill(-1);   // finding -> summary index
  s.summaries.forEach(function (sm, q) { sm.items.forEach(function (j) { s.summaryOf[j] = q; }); });
  s.weakOf = [];           // node index -> finding indexes
  s.weakCount = new Uint16Array(N);
  s.badgeOf = new Int32Array(N).fill(-1);   // the finding a node's badge shows: its worst one not summarised
  s.checks.forEach(function (c, j) {
    if (c[0] < 0) { return; }
    (s.weakOf[c[0]] = s.weakOf[c[0]] || []).push(j); s.weakCount[c[0]]++;
    if (s.badgeOf[c[0]] < 0 && s.summaryOf[j] < 0) { s.badgeOf[c[0]] = j; }
  });
  s.weakNodes = [];        // the nodes drawn with a badge
  for (i = 0; i < N; i++) { if (s.badgeOf[i] >= 0) { s.weakNodes.push(i); } }
  // review notes: node index -> [{text, by?, at?}]
  var reviews = data.reviews || { map: [], nodes: [] };
  s.reviewMap = reviews.map || [];
  s.reviewOf = [];
  (reviews.nodes || []).forEach(function (pair) { s.reviewOf[pair[0]] = pair[1]; });
  s.matrix = data.matrix;
  s.strengthOf = new Float64Array(N).fill(NaN);
  if (s.matrix) { s.matrix.rows.forEach(function (r, j) { s.strengthOf[r] = s.matrix.strength[j]; }); }
  for (i = 0; i < s.KINDS.length; i++) { s.filters.kinds.push(true); }
  for (i = 0; i <= s.CONF.length; i++) { s.filters.confs.push(true); }   // slot 0 = not rated
  return s;
}

/* A statement's label on one line: its own, else its text shortened (a card map's slot 4 holds the
 * card's wrapped lines, and its own labels travel in data.labels). */
function labelOf(k) {
  if (S.labels[k] === undefined) {
    var r = S.data.nodes[k], own = S.data.labels ? S.data.labels[k] : r[4];
    S.labels[k] = own ? own : shorten(r[5], 48);
  }
  return S.labels[k];
}
/* A badge's look by rank: 1-2 (no evidence, hedged only) the strongest, 3-4 amber, then yellow. */
function badgeLook(rank) {
  if (rank <= 2) { return { fill: "#D55E00", ink: "#ffffff", cls: "sev-high" }; }
  if (rank <= 4) { return { fill: "#E69F00", ink: "#1a1a1a", cls: "sev-mid" }; }
  return { fill: "#F0E442", ink: "#1a1a1a", cls: "sev-low" };
}
/* The node's badge: {word, rank} of its worst finding that no summary line covers, or null. */
function badgeOf(k) {
  var j = S.badgeOf[k];
  return j < 0 ? null : { word: S.checks[j][6] || "weak spot", rank: S.checks[j][5] || 7 };
}
function confName(k) { return S.confOf[k] >= 0 ? S.CONF[S.confOf[k]].level : null; }
function levelName(v) {
  if (typeof v === "number") { return v >= 0 && v < S.CONF.length && v === Math.floor(v) ? S.CONF[v].level : (v < 0 ? "" : String(v)); }
  return v == null ? "" : String(v);
}
function nodeIndex(id) {
  var x = S.index.get(id);
  if (x === undefined) { throw new Error("no node " + id); }
  return x;
}
function toIds(list) { return list.map(function (x) { return S.ids[x]; }); }
function kindIndex(name) { for (var j = 0; j < S.KINDS.length; j++) { if (S.KINDS[j].kind === name) { return j; } } throw new Error("no kind " + name); }
function confIndex(name) { for (var j = 0; j < S.CONF.length; j++) { if (S.CONF[j].level === name) { return j; } } throw new Error("no confidence " + name); }
function formatStrength(s) { return (Math.round(s * 100) / 100).toFixed(2); }
