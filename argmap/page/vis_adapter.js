/* The vis-network adapter: the only code that touches vis-network (creation, drawing, level of
 * detail, positions, fit, events, and every access to its private fields). vis-network knows each
 * node by its index in data.nodes and each edge by its index in data.edges, never by a statement
 * id: it keeps its items in plain objects, where an id such as `__proto__` or `constructor` would
 * be lost. The rest of the page calls S.vis (the object createVis returns) with node indexes. */

function relColor(rel) { return S.DARK && rel.relation === "supports" ? "#a8a8a8" : rel.color; }

/* -- cards (maps of up to 500 statements; geometry in data.card, from argmap/cards.py) -------------
 * A card is a rounded rectangle data.card.width wide: a small kind word (symbol + name, in the
 * kind's colour) and the confidence word on top, the label's lines (wrapped in Python) below.
 * Hedged evidence has a dashed border; a weak spot is a badge on the top right corner naming its worst
 * finding ("no evidence", "no source"; colour by rank: badgeLook) and review notes a blue "note"
 * badge on the bottom right corner.
 * drawCard draws onto any 2D context (the map, and the PNG export's own canvas). */
var BASE_FONT = "system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif";
function mixColour(hex, base, t) {
  function parse(h) { return [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)]; }
  var a = parse(hex), b = parse(base), out = "#";
  for (var j = 0; j < 3; j++) { var v = Math.round(a[j] * t + b[j] * (1 - t)); out += (v < 16 ? "0" : "") + v.toString(16); }
  return out;
}
/* The cards' colours on a dark or a light ground: each kind's tint, the ink, the muted ink. */
function cardPalette(dark) {
  var bg = dark ? "#15171a" : "#ffffff";
  return { tint: S.KINDS.map(function (kd) { return mixColour(kd.color, bg, dark ? 0.32 : 0.16); }),
           ink: dark ? "#ececec" : "#1a1a1a", muted: dark ? "#b8b8b8" : "#4a4a4a" };
}
function initCards() {
  var C = S.data.card;
  if (!C) { S.cards = null; return; }
  var N = S.N;
  var cards = Object.assign({ C: C, lines: new Array(N), height: new Float32Array(N), fonts: new Array(N) },
                            cardPalette(S.DARK));
  for (var k = 0; k < N; k++) {
    var r = S.data.nodes[k];
    cards.lines[k] = String(typeof r[4] === "string" ? r[4] : labelOf(k)).split("\n");
    cards.height[k] = 2 * C.padding + cards.lines[k].length * C.lineHeight;
  }
  S.cards = cards;
  // the smallest label font any card uses (a line too wide for its card is drawn smaller)
  var probe = doc.createElement("canvas").getContext("2d");
  cards.minFont = C.fontSize;
  for (k = 0; k < N; k++) {
    var fonts = cardFonts(probe, k);
    for (var j = 0; j < fonts.length; j++) { if (fonts[j][0] < cards.minFont) { cards.minFont = fonts[j][0]; } }
  }
}
/* A node's box: its card's, or on a map without cards the box a node has before vis-network has
 * measured its label. */
var NODE_W = 180, NODE_H = 44;
function cardWidth() { return S.cards ? S.cards.C.width : NODE_W; }
function cardHeight(k) { return S.cards ? S.cards.height[k] : NODE_H; }
/* Each line's font size: the card's, or smaller (never below 12 px) where the browser's measure of
 * the line overflows the card; a line still too wide is cut with an ellipsis. Measured once. */
function cardFonts(ctx, k) {
  var cards = S.cards, C = cards.C, fonts = cards.fonts[k];
  if (fonts) { return fonts; }
  // a line may reach into the padding (6 px kept) before its font is made smaller
  var inner = C.width - 2 * Math.min(6, C.padding), lines = cards.lines[k];
  fonts = [];
  for (var j = 0; j < lines.length; j++) {
    var size = C.fontSize, text = lines[j];
    ctx.font = size + "px " + BASE_FONT;
    var w = ctx.measureText(text).width;
    if (w > inner) { size = Math.max(12, Math.floor(size * inner / w * 10) / 10); ctx.font = size + "px " + BASE_FONT; }
    while (text.length > 1 && ctx.measureText(text).width > inner) { text = text.slice(0, -2) + "\u2026"; }
    fonts.push([size, text]);
  }
  cards.fonts[k] = fonts;
  return fonts;
}
function roundRect(ctx, x, y, w, h, r) {
  ctx.beginPath();
  ctx.moveTo(x + r, y); ctx.lineTo(x + w - r, y); ctx.arcTo(x + w, y, x + w, y + r, r);
  ctx.lineTo(x + w, y + h - r); ctx.arcTo(x + w, y + h, x + w - r, y + h, r);
  ctx.lineTo(x + r, y + h); ctx.arcTo(x, y + h, x, y + h - r, r);
  ctx.lineTo(x, y + r); ctx.arcTo(x, y, x + r, y, r);
  ctx.closePath();
}
function drawCard(ctx, k, x, y, selected, hover) {
  var cards = S.cards, C = cards.C, kind = S.KINDS[S.kindOf[k]], W = C.width, H = cards.height[k];
  var left = x - W / 2, top = y - H / 2, conf = S.confOf[k] >= 0 ? S.CONF[S.confOf[k]] : null;
  ctx.save();
  ctx.globalAlpha = S.dimmed[k] ? DIM : 1;
  roundRect(ctx, left, top, W, H, 8);
  ctx.fillStyle = cards.tint[S.kindOf[k]];
  ctx.fill();
  ctx.lineWidth = selected ? 4 : (hover ? 3 : 2);
  ctx.strokeStyle = selected ? cards.ink : kind.color;
  if (conf && conf.dashes) { ctx.setLineDash(Array.isArray(conf.dashes) ? conf.dashes : [6, 4]); }
  ctx.stroke();
  ctx.setLineDash([]);
  // the kind: a pill in the kind's colour on the top border (symbol and kind word); the confidence
  // word in a pill on the bottom border
  ctx.font = "600 " + C.kindFontSize + "px " + BASE_FONT;
  ctx.textBaseline = "middle";
  var word = kind.symbol + " " + kind.name.toUpperCase();
  var pw = Math.min(W - 2 * C.padding, ctx.measureText(word).width + 10);
  roundRect(ctx, left + C.padding - 3, top - 8, pw, 16, 8);
  ctx.fillStyle = kind.color; ctx.fill();
  ctx.fillStyle = kind.font; ctx.textAlign = "left";
  ctx.fillText(word, left + C.padding + 2, top + 0.5, pw - 10);
  if (conf) {
    ctx.font = (conf.dashes ? "italic " : "") + C.kindFontSize + "px " + BASE_FONT;
    var cw = ctx.measureText(conf.level).width + 10;
    roundRect(ctx, left + C.padding - 3, top + H - 7, cw, 14, 7);
    ctx.fillStyle = cards.tint[S.kindOf[k]]; ctx.fill();
    ctx.lineWidth = 1; ctx.strokeStyle = kind.color; ctx.stroke();
    ctx.fillStyle = cards.muted;
    ctx.fillText(conf.level, left + C.padding + 2, top + H + 0.5);
  }
  // the label's lines
  var fonts = cardFonts(ctx, k), ly = top + C.padding + C.lineHeight / 2 + 1;
  ctx.fillStyle = cards.ink; ctx.textAlign = "left";
  for (var j = 0; j < fonts.length; j++) {
    ctx.font = fonts[j][0] + "px " + BASE_FONT;
    ctx.fillText(fonts[j][1], left + C.padding, ly + j * C.lineHeight);
  }
  // badges only on cards in view of the reader's question: dimmed, their white words vanish and
  // leave empty pills
  // (the weak spot on the bottom border's right end, clear of the kind's pill; a review note on top)
  var bd = S.dimmed[k] ? null : badgeOf(k);
  if (bd) { drawBadge(ctx, left + W + 6, top + H + 1, bd.word, badgeLook(bd.rank)); }
  if (S.reviewOf[k] && !S.dimmed[k]) { drawBadge(ctx, left + W + 6, top - 1, "\u270e " + S.reviewOf[k].length + (S.reviewOf[k].length > 1 ? " notes" : " note"), NOTE_LOOK); }
  ctx.restore();
  return { width: W, height: H };
}
var NOTE_LOOK = { fill: "#0072B2", ink: "#ffffff", cls: "note" };
/* A pill with `word`, its right end at x, centred on y, in the colours of `look` (badgeLook). */
function drawBadge(ctx, x, y, word, look) {
  ctx.font = "600 11px " + BASE_FONT;
  var w = ctx.measureText(word).width + 16;
  roundRect(ctx, x - w, y - 9, w, 18, 9);
  ctx.fillStyle = look.fill; ctx.fill(); ctx.lineWidth = 1.5; ctx.strokeStyle = "#1a1a1a"; ctx.stroke();
  ctx.fillStyle = look.ink; ctx.textAlign = "right"; ctx.textBaseline = "middle";
  ctx.fillText(word, x - 8, y + 0.5);
}
/* The bounding box of the card centres `xy` (pairs), card sizes included. */
function cardBounds(xy, list) {
  var minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity, W = cardWidth();
  var n = list ? list.length : S.N;
  for (var j = 0; j < n; j++) {
    var k = list ? list[j] : j;
    if (S.hiddenN[k]) { continue; }
    var x = xy[2 * k], y = xy[2 * k + 1], h = cardHeight(k) / 2;
    if (x - W / 2 < minX) { minX = x - W / 2; } if (x + W / 2 > maxX) { maxX = x + W / 2; }
    if (y - h < minY) { minY = y - h; } if (y + h > maxY) { maxY = y + h; }
  }
  return { minX: minX, maxX: maxX, minY: minY, maxY: maxY };
}
// the margin above and below holds the pills and badges on the cards' top and bottom borders; across,
// a smaller one round the cards grown by the badges' reach past their right edges (argmap.layout)
var FIT_MARGIN = 12, FIT_MARGIN_ACROSS = 4, BADGE_REACH = 7, MAX_FIT_SCALE = 1.25;
/* The corner the notes over the map take ("7 pieces of evidence have no source"), from the map's
 * bottom-left: {w, h} CSS px with their margin, 0 x 0 where there are none over the map (on a phone
 * they sit above it). */
function notesBox() {
  var box = doc.getElementById("map-notes");
  if (!box || !box.offsetHeight || S.view !== "map" || getComputedStyle(box).position !== "absolute") { return { w: 0, h: 0 }; }
  return { w: box.offsetWidth + 6, h: box.offsetHeight + 6 };
}
/* How the cards at `xy` fit an area of w x h CSS px, centred: {scale, room, wide}. The whole height where
 * no card would then lie under the notes in the bottom-left corner, else only the room above them
 * (`room`: their height), so the notes never hide a card. argmap.layout.fit_zoom_with_notes is
 * the same rule in Python (a test holds the page's choice of drawing equal to it). */
function fitOf(xy, w, h, list) {
  var b = cardBounds(xy, list);
  if (!(b.maxX > b.minX)) { return { scale: 1, room: 0, wide: 0 }; }
  var bw = b.maxX - b.minX, bh = b.maxY - b.minY, across = (w - 2 * FIT_MARGIN_ACROSS) / (bw + 2 * BADGE_REACH);
  var scale = Math.min(MAX_FIT_SCALE, across, (h - 2 * FIT_MARGIN) / bh), notes = notesBox();
  if (!notes.h) { return { scale: scale, room: 0, wide: bw }; }
  var W = cardWidth(), cx = (b.minX + b.maxX) / 2, cy = (b.minY + b.maxY) / 2;
  var n = list ? list.length : S.N;
  for (var j = 0; j < n; j++) {
    var k = list ? list[j] : j;
    if (S.hiddenN[k]) { continue; }
    var left = w / 2 + (xy[2 * k] - W / 2 - cx) * scale, bottom = h / 2 + (xy[2 * k + 1] + cardHeight(k) / 2 - cy) * scale;
    if (left < notes.w && bottom > h - notes.h) {
      return { scale: Math.min(MAX_FIT_SCALE, across, (h - notes.h - 2 * FIT_MARGIN) / bh), room: notes.h, wide: bw };
    }
  }
  return { scale: scale, room: 0, wide: bw };
}
function fitScale(xy, w, h, list) { return fitOf(xy, w, h, list).scale; }
/* The layout offers a few drawings per direction, simplest first (one line of groups; then the
 * groups in 1-4 lanes, linked groups kept in one lane; then split where that helps). The page draws
 * the simplest one, in either of `dirs`, that shows the map as large as any (within 2 %; within 10 %
 * where none fits readably), or at the cards' own size (COMFORTABLE_SCALE): lanes are there to make
 * a map fit, not to blow it up. In a tall narrow area where nothing fits readably (a phone), the
 * narrowest drawing going right.
 * Returns {dir, xy}. */
var COMFORTABLE_SCALE = 1, UNREADABLE_SHARE = 0.9;
function bestDrawing(w, h, dirs) {
  var all = [], top = 0;
  dirs.forEach(function (dir) {
    var list = S.data.directions && S.data.directions[dir];
    (list || []).forEach(function (xy, j) {
      var fit = fitOf(xy, w, h);
      all.push({ dir: dir, xy: xy, rank: j, scale: fit.scale, wide: fit.wide });
      if (fit.scale > top) { top = fit.scale; }
    });
  });
  // where nothing fits readably the page shows part of the map at 12 px whatever the drawing: a
  // simpler one may show a little less of it (UNREADABLE_SHARE, as argmap.layout.pick_drawing)
  var enough = top < readableScale() ? top * UNREADABLE_SHARE : Math.min(top * 0.98, COMFORTABLE_SCALE), pick = null;
  // where one does, never one that does not (the 2 % allowance stops at 12 px labels)
  if (top >= readableScale()) { enough = Math.max(enough, readableScale()); }
  if (top < readableScale() && w < h) {
    // a tall narrow area no drawing fits readably (a phone): the narrowest going right, an outline
    // read by scrolling down (the thesis, its reasons set in below it, evidence beside each)
    all.forEach(function (c) {
      if (dirs.indexOf("right") >= 0 && c.dir !== "right") { return; }
      if (!pick || c.wide < pick.wide) { pick = c; }
    });
    return pick;
  }
  all.forEach(function (c) {
    if (c.scale >= enough && (!pick || c.rank < pick.rank || (c.rank === pick.rank && c.scale > pick.scale))) { pick = c; }
  });
  return pick;
}
/* The drawing of direction `dir` to draw in an area of w x h CSS px (bestDrawing). */
function bestLayout(dir, w, h) { var pick = bestDrawing(w, h, [dir]); return pick ? pick.xy : null; }
/* The number of that drawing in the layout's list for `dir` (argmap.layout.pick_drawing makes the
 * same choice in Python: a test holds both equal). */
function bestRank(dir, w, h) { var pick = bestDrawing(w, h, [dir]); return pick ? pick.rank : -1; }
/* The direction ("down" or "right") of the drawing to draw in an area of w x h CSS px. */
function bestDirection(w, h) {
  var pick = S.data.directions ? bestDrawing(w, h, ["down", "right"]) : null;
  return pick ? pick.dir : null;
}

function createVis(container) {
  var N = S.N, E = S.E, KINDS = S.KINDS, CONF = S.CONF, RELS = S.RELS, DARK = S.DARK, BIG = S.BIG;
  var data = S.data, kindOf = S.kindOf, edgeRel = S.edgeRel, k, e;
  var CARDS = S.cards !== null;

  function tooltip(x) {
    var r = data.nodes[x], kind = KINDS[r[1]], parts = [kind.name + ": " + r[5]];
    var conf = confName(x);
    if (conf) { parts.push("Confidence: " + conf); }
    if (r[7]) { parts.push("Source: " + r[7]); }
    if (r[8]) { parts.push("Essay: \u201c" + r[8] + "\u201d"); }
    (S.weakOf[x] || []).forEach(function (j) { parts.push("\u26a0 " + S.checks[j][3] + " (" + S.checks[j][1] + ")"); });
    if (S.reviewOf[x]) { parts.push("\u270e " + S.reviewOf[x].length + " review note" + (S.reviewOf[x].length > 1 ? "s" : "")); }
    return parts.join("\n");
  }
  function visLabel(x) {
    var conf = confName(x), kind = KINDS[kindOf[x]];
    if (CARDS) { return kind.symbol + " " + labelOf(x); }   // what a card shows is drawn by drawCard
    return kind.symbol + " " + labelOf(x) + (conf ? "\n[" + conf + "]" : "") +
      (S.badgeOf[x] >= 0 ? "\n\u26a0 " + badgeOf(x).word : "");
  }
  // one vis group per kind and confidence: styles live in the groups, not in every node
  var groups = {};
  function cardRenderer(args) {
    var x = +args.id;
    return { drawNode: function () { drawCard(args.ctx, x, args.x, args.y, args.state.selected, args.state.hover); },
             nodeDimensions: { width: S.cards.C.width, height: S.cards.height[x] } };
  }
  if (CARDS) {
    // one group per kind: a card draws its own confidence, badge and state
    KINDS.forEach(function (kind) {
      groups[kind.kind] = { shape: "custom", ctxRenderer: cardRenderer, borderWidth: 0, size: 10,
                            font: { size: S.cards.C.fontSize, face: BASE_FONT } };
    });
  } else KINDS.forEach(function (kind) {
    [null].concat(CONF).forEach(function (conf) {
      var name = kind.kind + (conf ? ":" + conf.level : "");
      var border = DARK ? "#e0e0e0" : "#1a1a1a";
      groups[name] = {
        shape: kind.shape,
        color: { background: kind.color, border: border,
                 highlight: { background: kind.color, border: DARK ? "#ffffff" : "#000000" },
                 hover: { background: kind.color, border: DARK ? "#ffffff" : "#000000" } },
        font: { color: kind.font, face: "system-ui, sans-serif", size: kind.kind === "thesis" ? 18 : 14,
                multi: false },
        borderWidth: conf && conf.dashes ? Math.max(2, kind.border) : kind.border,
        borderWidthSelected: 4,
        shapeProperties: { borderDashes: conf ? conf.dashes : false },
        widthConstraint: { maximum: 180 },
        margin: 10
      };
    });
  });

  var positioned = S.positioned;
  var home = null;   // the layout's own positions: Float64Array pairs (layered now, force after settling)
  var visNodes = new Array(N), row;
  for (k = 0; k < N; k++) {
    row = data.nodes[k];
    visNodes[k] = { id: k, label: visLabel(k), group: KINDS[row[1]].kind + (!CARDS && S.confOf[k] >= 0 ? ":" + confName(k) : ""),
                    title: tooltip(k) };
  }
  /* Where the nodes start: a card map's chosen direction (force: its "down" drawing, as the
   * simulation's start), else the layered layout's positions. */
  var start = null;
  if (CARDS) {
    S.drawing = bestRank(S.direction || "down", container.clientWidth, container.clientHeight);
    start = Float64Array.from(data.directions[S.direction || "down"][S.drawing]);
  }
  if (!start && positioned) {
    start = new Float64Array(2 * N);
    for (k = 0; k < N; k++) { start[2 * k] = data.nodes[k][2]; start[2 * k + 1] = data.nodes[k][3]; }
  }
  if (start) {
    for (k = 0; k < N; k++) { visNodes[k].x = start[2 * k]; visNodes[k].y = start[2 * k + 1]; }
    if (positioned) { home = start; }
  }
  var visEdges = new Array(E);
  for (e = 0; e < E; e++) {
    var rel = RELS[edgeRel[e]], c = relColor(rel);
    // the first relation's look (supports: most edges) is the network-wide default, not an own option
    // a card map draws its own connectors (edges.js): a tooltip on vis-network's straight line would
    // show where no line is drawn
    var title = CARDS ? undefined : rel.relation;
    visEdges[e] = edgeRel[e] === SUPPORTS ? { id: e, from: S.edgeFrom[e], to: S.edgeTo[e], title: title } :
      { id: e, from: S.edgeFrom[e], to: S.edgeTo[e],
        arrows: { to: { enabled: true, type: rel.arrow } }, dashes: rel.dashes, width: rel.width,
        color: { color: c, highlight: c, hover: c }, title: title };
  }
  var supportLook = RELS[SUPPORTS], supportColor = relColor(supportLook);

  var nodes = new vis.DataSet(visNodes);
  var edges = new vis.DataSet(visEdges);
  var options = {
    groups: groups,
    physics: positioned ? { enabled: false } :
      { enabled: true, solver: "forceAtlas2Based", stabilization: { iterations: 200, updateInterval: 50 },
        forceAtlas2Based: { avoidOverlap: 1, springLength: 160 } },
    layout: { improvedLayout: false },
    edges: { smooth: false, selectionWidth: 1.5, arrows: { to: { enabled: true, type: supportLook.arrow } },
             dashes: supportLook.dashes, width: supportLook.width,
             color: { color: supportColor, highlight: supportColor, hover: supportColor } },
    nodes: { chosen: false },
    interaction: { hover: N <= 5000, tooltipDelay: 150, hideEdgesOnDrag: N > 2000,
                   hideEdgesOnZoom: N > 2000, keyboard: { enabled: true, bindToWindow: false },
                   multiselect: false, navigationButtons: false, zoomView: true }
  };
  /* A big map gets its data after the page has set up its own drawing and view (see the level of
   * detail below): given the data at once, vis-network fits the view itself, which first measures
   * every label and draws once at scale 1 (over a second at 10 000 nodes). */
  var deferData = BIG && positioned;
  var network = new vis.Network(container, deferData ? {} : { nodes: nodes, edges: edges }, options);
  /* Several DataSet updates, one redraw: with physics off vis-network redraws synchronously after
   * every update call (~0.2 s at 10 000 nodes); block that and ask for one redraw on the next frame.
   * A frame vis-network had already asked for (a click's own selection) is that frame: asking
   * again after `_allowRedraw` (which forgets the pending request) would draw twice in one frame. */
  var batching = 0, framePending = false;
  function batch(fn) {
    if (batching++ === 0) {
      framePending = !!(network.renderer && network.renderer.redrawRequested === true && network.renderer.allowRedraw === true);
      network.body.emitter.emit("_blockRedraw");
    }
    try { return fn(); } finally {
      if (--batching === 0) {
        network.body.emitter.emit("_allowRedraw");
        if (framePending) { network.renderer.redrawRequested = true; } else { network.body.emitter.emit("_requestRedraw"); }
      }
    }
  }
  function requestRedraw() { network.body.emitter.emit("_requestRedraw"); }
  if (CARDS) {   // each card's size before its first draw: edges end at the card, fits are right
    for (k = 0; k < N; k++) {
      var sh = network.body.nodes[k] && network.body.nodes[k].shape;
      if (sh) { sh.customSizeWidth = S.cards.C.width; sh.customSizeHeight = S.cards.height[k]; }
    }
  }
  if (!positioned) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });   // settle once: filters never move it
      separate();
      fitAll();
      doc.body.setAttribute("data-settled", "1");
    });
  }
  /* After the force simulation: push apart any boxes that still overlap (a sweep over the boxes
   * sorted by x, a few rounds), so no card hides another. */
  function separate() {
    var pos = network.getPositions(), xy = new Float64Array(2 * N), W = cardWidth(), GAP = 12, j, q;
    for (j = 0; j < N; j++) { xy[2 * j] = pos[j].x; xy[2 * j + 1] = pos[j].y; }
    var order = [];
    for (j = 0; j < N; j++) { order.push(j); }
    for (var round = 0; round < 100; round++) {
      var moved = false;
      order.sort(function (a, b) { return xy[2 * a] - xy[2 * b] || a - b; });
      for (j = 0; j < N; j++) {
        var a = order[j];
        for (q = j + 1; q < N; q++) {
          var b = order[q], dx = xy[2 * b] - xy[2 * a];
          if (dx >= W + GAP) { break; }
          var dy = xy[2 * b + 1] - xy[2 * a + 1], needY = (cardHeight(a) + cardHeight(b)) / 2 + GAP;
          if (Math.abs(dy) >= needY) { continue; }
          var pushX = W + GAP - dx, pushY = needY - Math.abs(dy);
          if (pushX < pushY) { xy[2 * a] -= pushX / 2; xy[2 * b] += pushX / 2; }
          else { var sgn = dy > 0 || (dy === 0 && a < b) ? 1 : -1; xy[2 * a + 1] -= sgn * pushY / 2; xy[2 * b + 1] += sgn * pushY / 2; }
          moved = true;
        }
      }
      if (!moved) { break; }
    }
    var updates = [];
    for (j = 0; j < N; j++) { updates.push({ id: j, x: xy[2 * j], y: xy[2 * j + 1] }); }
    quietUpdate(nodes, updates, true);
    home = xy;
  }
  function homePositions() {
    if (!home) {
      var pos = network.getPositions();
      home = new Float64Array(2 * N);
      for (var j = 0; j < N; j++) { var p = pos[j]; if (p) { home[2 * j] = p.x; home[2 * j + 1] = p.y; } }
    }
    return home;
  }

  // page background painted into the canvas, so an exported PNG is not transparent
  var BG = DARK ? "#15171a" : "#ffffff";
  network.on("beforeDrawing", function (ctx) {
    ctx.save(); ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = BG; ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
  });
  /* Level of detail for big maps. Zoomed out on thousands of nodes, vis-network's own drawing
   * costs seconds a frame (each node strokes a border of borderWidth / scale canvas units, each edge
   * its dashes and arrow head) for shapes a few pixels wide whose labels it does not draw anyway.
   * Below LOD_SCALE the page draws the same picture in a handful of canvas calls instead: the edges
   * as one plain path per relation and state, the nodes as one path of boxes per kind and state,
   * in the kind's colour, dimmed and hidden exactly as vis-network would. Zoomed in (labels
   * readable) vis-network draws as usual, only the nodes in view.
   *
   * Layers: a click changes which few nodes are highlighted, not the map under them. So the whole
   * map drawn dimmed (and drawn highlighted, for "nothing selected") is kept as a bitmap per view,
   * painted in spare time; a frame then is one bitmap plus the highlighted few drawn over it, in the
   * same order as drawing everything (dimmed edges, highlighted edges, dimmed nodes, highlighted
   * nodes). Each node's box is the default one until vis-network has measured every label (in
   * spare time, after the first frame), then every measured box at once: one change of picture. */
  var LOD_SCALE = 0.3;           // 14 px labels are under 5 px here: vis-network stops drawing them
  var LOD_W = NODE_W, LOD_H = NODE_H;   // a node's box before vis-network has measured its label
  var renderer = network.renderer;
  var lodReady = BIG && renderer && typeof renderer._drawNodes === "function" &&
    typeof renderer._drawEdges === "function" && typeof renderer._drawArrows === "function" &&
    network.body && network.body.nodes && network.body.nodeIndices && network.body.edgeIndices;
  function lod() { return lodReady && network.getScale() < LOD_SCALE; }
  var kindColor = KINDS.map(function (kd) { return kd.color; });
  var edgeColor = RELS.map(function (r) { return relColor(r); });
  var lodW = new Float32Array(N), lodH = new Float32Array(N);
  for (k = 0; k < N; k++) { lodW[k] = LOD_W; lodH[k] = LOD_H; }
  var geometry = 0;         // bumped whenever boxes, positions or what is shown change

  /* Spare-time work (label measuring, layers, vis-network's opacities): run in idle periods, so
   * none of it sits between a click and its frame. A chore takes the idle deadline and returns
   * true while it has more to do. */
  var idle = typeof window.requestIdleCallback === "function" ? function (fn) { window.requestIdleCallback(fn); } :
    function (fn) { setTimeout(function () { var t0 = Date.now(); fn({ timeRemaining: function () { return Math.max(0, 10 - (Date.now() - t0)); } }); }, 20); };
  var chores = [], pumping = false;
  function chore(fn, first) {
    var at = chores.indexOf(fn);
    if (at >= 0 && first) { chores.splice(at, 1); at = -1; }
    if (at < 0) { if (first) { chores.unshift(fn); } else { chores.push(fn); } }
    pump();
  }
  function pump() { if (!pumping && chores.length) { pumping = true; idle(runChores); } }
  function runChores(deadline) {
    pumping = false;
    var list = chores.slice();
    for (var j = 0; j < list.length && deadline.timeRemaining() > 1; j++) {
      if (!list[j](deadline)) { var at = chores.indexOf(list[j]); if (at >= 0) { chores.splice(at, 1); } }
    }
    pump();
  }

  // `look`: 0 dimmed, 1 highlighted; `only`: draw only the items in that state (0 or 1), or all (-1)
  function strokeEdges(ctx, look, only) {
    var live = network.body.edges, list = network.body.edgeIndices, scale = network.getScale();
    var paths = [], j, m, ed;
    for (j = 0; j < list.length; j++) {
      ed = live[list[j]];
      if (!ed || ed.connected !== true || !ed.from || !ed.to || ed.options.hidden || ed.from.options.hidden || ed.to.options.hidden) { continue; }
      m = +ed.id;
      if (only >= 0 && S.edgeDimmed[m] === only) { continue; }
      var path = paths[edgeRel[m]] || (paths[edgeRel[m]] = new Path2D());
      path.moveTo(ed.from.x, ed.from.y); path.lineTo(ed.to.x, ed.to.y);
    }
    ctx.save();
    ctx.globalAlpha = look ? 1 : EDGE_DIM;
    ctx.lineWidth = 0;
    for (var rel = 0; rel < RELS.length; rel++) {
      if (!paths[rel]) { continue; }
      ctx.strokeStyle = edgeColor[rel];
      ctx.lineWidth = Math.max(RELS[rel].width, 0.75 / scale);
      ctx.stroke(paths[rel]);
    }
    ctx.restore();
  }
  function fillNodes(ctx, look, only) {
    var live = network.body.nodes, list = network.body.nodeIndices, scale = network.getScale();
    var paths = [], badges = null, r = Math.max(9, 2.5 / scale), j, node, x, w, h;
    for (j = 0; j < list.length; j++) {
      node = live[list[j]];
      if (!node || node.options.hidden) { continue; }
      x = +node.id;
      if (only >= 0 && S.dimmed[x] === only) { continue; }
      w = lodW[x]; h = lodH[x];
      var path = paths[kindOf[x]] || (paths[kindOf[x]] = new Path2D());
      path.rect(node.x - w / 2, node.y - h / 2, w, h);
      if (S.badgeOf[x] >= 0) {   // one path per badge colour (badgeLook)
        var tint = badgeLook(S.checks[S.badgeOf[x]][5] || 7).fill;
        badges = badges || {};
        (badges[tint] || (badges[tint] = new Path2D())).rect(node.x + w / 2 - r, node.y - h / 2 - r, 2 * r, 2 * r);
      }
    }
    ctx.save();
    for (j = 0; j < KINDS.length; j++) {
      if (!paths[j]) { continue; }
      ctx.globalAlpha = look ? 1 : DIM;
      ctx.fillStyle = kindColor[j];
      ctx.fill(paths[j]);
      ctx.lineWidth = 0.75 / scale; ctx.strokeStyle = DARK ? "#e0e0e0" : "#1a1a1a";
      ctx.globalAlpha *= 0.6;
      ctx.stroke(paths[j]);
    }
    if (badges) {
      ctx.globalAlpha = look ? 1 : 0.25;
      ctx.lineWidth = 1 / scale; ctx.strokeStyle = "#1a1a1a";
      Object.keys(badges).sort().forEach(function (fill) { ctx.fillStyle = fill; ctx.fill(badges[fill]); ctx.stroke(badges[fill]); });
    }
    ctx.restore();
  }
  function strokeSelected(ctx) {
    var live = network.body.nodes, sel = network.getSelectedNodes(), scale = network.getScale();
    ctx.save();
    ctx.globalAlpha = 1;
    ctx.strokeStyle = DARK ? "#ffffff" : "#000000";
    ctx.lineWidth = 3 / scale;
    for (var j = 0; j < sel.length; j++) {
      var node = live[sel[j]], x = +sel[j];
      if (!node || node.options.hidden) { continue; }
      ctx.strokeRect(node.x - lodW[x] / 2, node.y - lodH[x] / 2, lodW[x], lodH[x]);
    }
    ctx.restore();
  }

  /* This frame's view and map, as a key for the layers; and how the frame is drawn: "lit" (nothing
   * highlighted: the highlighted layer alone), "dim" (the dimmed layer, the highlighted few over
   * it) or null (draw everything: while the view moves, or when most of the map is highlighted). */
  var frame = null;
  function frameOf(ctx) {
    var t = ctx.getTransform(), cv = ctx.canvas, live = network.body.nodes, list = network.body.nodeIndices, sx = 0, sy = 0;
    for (var j = 0; j < list.length; j++) { var nd = live[list[j]]; if (nd) { sx += nd.x; sy += nd.y * ((j & 7) + 1); } }
    var key = [t.a, t.b, t.c, t.d, t.e, t.f, cv.width, cv.height, geometry, list.length, network.body.edgeIndices.length, sx, sy].join(" ");
    var moving = renderer.dragging || renderer.zooming;
    var mode = moving ? null : (!S.keep ? "lit" : (S.litCount * 2 < N ? "dim" : null));
    return { key: key, transform: t, width: cv.width, height: cv.height, mode: mode };
  }
  var layers = new Map();
  function layer(name, fr, draw) {
    var L = layers.get(name);
    if (!L) { var cv = doc.createElement("canvas"); L = { canvas: cv, ctx: cv.getContext("2d"), key: null }; layers.set(name, L); }
    if (L.key !== fr.key) {
      if (L.canvas.width !== fr.width || L.canvas.height !== fr.height) { L.canvas.width = fr.width; L.canvas.height = fr.height; }
      else { L.ctx.setTransform(1, 0, 0, 1, 0, 0); L.ctx.clearRect(0, 0, fr.width, fr.height); }
      L.ctx.setTransform(fr.transform);
      draw(L.ctx);
      L.key = fr.key;
    }
    return L.canvas;
  }
  var LAYERS = new Map([
    ["edges-dim", function (cx) { strokeEdges(cx, 0, -1); }], ["nodes-dim", function (cx) { fillNodes(cx, 0, -1); }],
    ["edges-lit", function (cx) { strokeEdges(cx, 1, -1); }], ["nodes-lit", function (cx) { fillNodes(cx, 1, -1); }]
  ]);
  function blit(ctx, canvas) {
    ctx.save(); ctx.setTransform(1, 0, 0, 1, 0, 0); ctx.globalAlpha = 1; ctx.drawImage(canvas, 0, 0); ctx.restore();
  }
  function drawEdgesLOD(ctx) {
    var fr = frame || frameOf(ctx);
    if (fr.mode) {
      blit(ctx, layer("edges-" + fr.mode, fr, LAYERS.get("edges-" + fr.mode)));
      if (fr.mode === "dim") { strokeEdges(ctx, 1, 1); }
    } else { strokeEdges(ctx, 0, 0); strokeEdges(ctx, 1, 1); }
  }
  function drawNodesLOD(ctx) {
    var fr = frame || frameOf(ctx);
    if (fr.mode) {
      blit(ctx, layer("nodes-" + fr.mode, fr, LAYERS.get("nodes-" + fr.mode)));
      if (fr.mode === "dim") { fillNodes(ctx, 1, 1); }
    } else { fillNodes(ctx, 0, 0); fillNodes(ctx, 1, 1); }
    strokeSelected(ctx);
    return { drawExternalLabels: null };
  }
  /* In spare time, the layers the next click (or reset) will want for the view on screen. */
  function buildLayers(deadline) {
    if (!frame || !lod()) { return false; }
    var want = S.keep ? ["edges-lit", "nodes-lit", "edges-dim", "nodes-dim"] : ["edges-dim", "nodes-dim", "edges-lit", "nodes-lit"];
    for (var j = 0; j < want.length; j++) {
      var L = layers.get(want[j]);
      if (L && L.key === frame.key) { continue; }
      if (deadline.timeRemaining() < 20) { return true; }
      var cv = layer(want[j], frame, LAYERS.get(want[j]));
      cv.getContext("2d").getImageData(0, 0, 1, 1);   // paint it now, not in the frame that shows it
    }
    return false;
  }
  if (lodReady) {
    var visDrawNodes = renderer._drawNodes, visDrawEdges = renderer._drawEdges, visDrawArrows = renderer._drawArrows;
    renderer._drawEdges = function (ctx) { return lod() ? drawEdgesLOD(ctx) : visDrawEdges.apply(this, arguments); };
    renderer._drawArrows = function () { return lod() ? undefined : visDrawArrows.apply(this, arguments); };
    renderer._drawNodes = function (ctx, always) { return lod() && !always ? drawNodesLOD(ctx) : visDrawNodes.apply(this, arguments); };
    network.on("beforeDrawing", function (ctx) {
      frame = null;
      if (lod()) { frame = frameOf(ctx); }
      else if (visStale) { syncVis(null); }   // zoomed in: vis-network draws, so it gets the opacities first
    });
    // before the labels are measured too: the boxes change only when the last one is done
    network.on("afterDrawing", function () { if (frame) { chore(buildLayers, true); } });
  }
  /* A card map's links: drawn by the page along routes that cross no card but their own two ends
   * (edges.js), in place of vis-network's straight edges and their arrows, from the live positions
   * (direction, focus mode, a dragged card). */
  if (CARDS && renderer && typeof renderer._drawEdges === "function" && typeof renderer._drawArrows === "function") {
    renderer._drawEdges = function (ctx) { drawConnectors(ctx, livePositions(), 0.75 / network.getScale()); };
    renderer._drawArrows = function () {};
  }
  /* The node under a canvas point when vis-network cannot tell (it has not measured that node's box
   * yet): the nearest shown node whose LOD box contains the point. */
  function nodeAtPoint(pt) {
    if (!pt) { return null; }
    var live = network.body.nodes, list = network.body.nodeIndices, best = null, bestD = Infinity;
    for (var j = 0; j < list.length; j++) {
      var node = live[list[j]];
      if (!node || node.options.hidden) { continue; }
      var x = +node.id, dx = Math.abs(pt.x - node.x), dy = Math.abs(pt.y - node.y);
      if (dx <= lodW[x] / 2 && dy <= lodH[x] / 2 && dx + dy < bestD) { bestD = dx + dy; best = x; }
    }
    return best;
  }
  function clickedNode(params) {
    if (params.nodes.length) { return +params.nodes[0]; }
    return lodReady ? nodeAtPoint(params.pointer && params.pointer.canvas) : null;
  }
  /* vis-network measures every label the first time it fits the view or draws all nodes; a big map
   * is measured in spare time after the first frame instead, so clicks and tooltips find every
   * node; the zoomed-out frame takes all the measured boxes at once when the last one is done. */
  var measureAt = 0;
  function measureSlice(deadline) {
    var live = network.body.nodes, ctx = network.canvas.getContext();
    while (measureAt < N && deadline.timeRemaining() > 2) {
      for (var end = Math.min(N, measureAt + 50); measureAt < end; measureAt++) {
        var node = live[measureAt];
        if (node && !(node.shape && node.shape.width > 0)) { node.updateBoundingBox(ctx, node.selected); }
      }
    }
    if (measureAt < N) { return true; }
    for (var j = 0; j < N; j++) {
      var sh = live[j] && live[j].shape;
      if (sh && sh.width > 0 && sh.height > 0) { lodW[j] = sh.width; lodH[j] = sh.height; }
    }
    geometry++;
    if (lod()) { requestRedraw(); }
    return false;
  }

  // weak-spot badges: a yellow "!" disc at the node's top right corner (the LOD frame draws its own)
  network.on("afterDrawing", function (ctx) {
    if (lod() || CARDS) { return; }   // a card draws its own badge
    var view = BIG ? viewArea(20) : null, weakNodes = S.weakNodes;
    for (var j = 0; j < weakNodes.length; j++) {
      var w = weakNodes[j];
      if (S.hiddenN[w]) { continue; }
      var box = network.getBoundingBox(w);
      if (!box) { continue; }
      if (view && (box.right < view.left || box.left > view.right || box.bottom < view.top || box.top > view.bottom)) { continue; }
      ctx.save();
      ctx.globalAlpha = S.dimmed[w] ? 0.25 : 1;
      ctx.beginPath(); ctx.arc(box.right, box.top, 9, 0, 2 * Math.PI);
      ctx.fillStyle = "#F0E442"; ctx.fill(); ctx.lineWidth = 2; ctx.strokeStyle = "#1a1a1a"; ctx.stroke();
      ctx.fillStyle = "#1a1a1a"; ctx.font = "bold 13px system-ui, sans-serif";
      ctx.textAlign = "center"; ctx.textBaseline = "middle"; ctx.fillText("!", box.right, box.top + 1);
      ctx.restore();
    }
  });
  /* The tooltip never covers the highlighted path: beside the hovered node (right, left, below,
   * above) or in a corner of the map, the first place that overlaps no highlighted card; with
   * nothing highlighted, where vis-network put it. */
  network.on("showPopup", function (id) {
    var tip = container.querySelector("div.vis-tooltip"), x = +id;
    if (!tip || !S.keep || isNaN(x)) { return; }
    var W = container.clientWidth, H = container.clientHeight, tw = tip.offsetWidth, th = tip.offsetHeight, gap = 10;
    function domBox(k) {   // the node's box in CSS px of the map, as boxes() measures it
      var nd = network.body.nodes[k];
      if (!nd) { return null; }
      var w = CARDS ? S.cards.C.width : nd.shape.width, h = CARDS ? S.cards.height[k] : nd.shape.height;
      var a = network.canvasToDOM({ x: nd.x - w / 2, y: nd.y - h / 2 }), c = network.canvasToDOM({ x: nd.x + w / 2, y: nd.y + h / 2 });
      return { left: a.x, top: a.y, right: c.x, bottom: c.y };
    }
    var lit = [];
    for (var k = 0; k < S.N; k++) { if (S.keep[k] && !S.hiddenN[k] && k !== x) { var bx = domBox(k); if (bx) { lit.push(bx); } } }
    var me = domBox(x) || { left: 0, top: 0, right: 0, bottom: 0 }, midY = (me.top + me.bottom - th) / 2, midX = (me.left + me.right - tw) / 2;
    var spots = [[me.right + gap, midY], [me.left - gap - tw, midY], [midX, me.bottom + gap], [midX, me.top - gap - th],
                 [W - tw - 6, 6], [6, 6], [W - tw - 6, H - th - 6], [6, H - th - 6]];
    function cover(p) {
      var l = Math.max(0, Math.min(p[0], W - tw)), t = Math.max(0, Math.min(p[1], H - th)), area = 0;
      for (var q = 0; q < lit.length; q++) {
        var o = lit[q], w = Math.min(l + tw, o.right) - Math.max(l, o.left), h = Math.min(t + th, o.bottom) - Math.max(t, o.top);
        if (w > 0 && h > 0) { area += w * h; }
      }
      w = Math.min(l + tw, me.right) - Math.max(l, me.left); h = Math.min(t + th, me.bottom) - Math.max(t, me.top);
      if (w > 0 && h > 0) { area += w * h; }
      return [area, l, t];
    }
    var best = null;
    for (var j = 0; j < spots.length; j++) {
      var c = cover(spots[j]);
      if (!best || c[0] < best[0]) { best = c; }
      if (!c[0]) { break; }
    }
    tip.style.left = best[1] + "px"; tip.style.top = best[2] + "px";
    tip.setAttribute("data-cover", String(Math.round(best[0])));
  });
  function canvasSize() {
    var cv = container.querySelector("canvas");
    return { width: cv ? cv.clientWidth : 0, height: cv ? cv.clientHeight : 0 };
  }
  /* The part of the drawing in view, `pad` CSS px more each side, in canvas coordinates. */
  function viewArea(pad) {
    var size = canvasSize(), a = network.DOMtoCanvas({ x: -pad, y: -pad });
    var b = network.DOMtoCanvas({ x: size.width + pad, y: size.height + pad });
    return { left: a.x, top: a.y, right: b.x, bottom: b.y };
  }
  /* The whole map in view without vis-network's fit, which measures every label first (a third of a
   * second at 10 000 nodes): the bounds come from the positions, with a node's usual box around each. */
  function livePositions() {
    var live = network.body.nodes, xy = new Float64Array(2 * N);
    for (var j = 0; j < N; j++) { var nd = live[j]; if (nd) { xy[2 * j] = nd.x; xy[2 * j + 1] = nd.y; } }
    return xy;
  }
  /* A card map: every shown card in view, at most MAX_FIT_SCALE (a small map is not blown up). */
  function fitCards(w, h, list, maxScale) {
    var xy = livePositions(), b = cardBounds(xy, list);
    if (!(b.maxX >= b.minX)) { network.fit({ animation: false }); return; }
    var fit = fitOf(xy, w, h, list), scale = Math.min(maxScale || MAX_FIT_SCALE, fit.scale);
    // centred (in the room above the notes where a card would lie under them)
    network.moveTo({ position: { x: (b.minX + b.maxX) / 2, y: (b.minY + b.maxY) / 2 + fit.room / 2 / scale },
                     scale: scale, animation: false });
  }
  function fitAll() {
    var size = canvasSize(), w = size.width, h = size.height;
    if (CARDS && w && h) { fitCards(w, h); return; }
    if (!BIG || !w || !h) { network.fit({ animation: false }); return; }
    var live = network.body.nodes, list = network.body.nodeIndices, j, x, y;
    var minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    function add(px, py) {
      if (px < minX) { minX = px; } if (px > maxX) { maxX = px; }
      if (py < minY) { minY = py; } if (py > maxY) { maxY = py; }
    }
    if (list.length) {
      for (j = 0; j < list.length; j++) { var node = live[list[j]]; if (node) { add(node.x, node.y); } }
    } else if (home) {   // before the data reaches vis-network: the layout's positions
      for (j = 0; j < N; j++) { x = home[2 * j]; y = home[2 * j + 1]; add(x, y); }
    }
    if (minX > maxX) { network.fit({ animation: false }); return; }
    minX -= LOD_W / 2; maxX += LOD_W / 2; minY -= LOD_H / 2; maxY += LOD_H / 2;
    var scale = Math.min(w / (1.1 * (maxX - minX)), h / (1.1 * (maxY - minY)));
    network.moveTo({ position: { x: (minX + maxX) / 2, y: (minY + maxY) / 2 }, scale: scale, animation: false });
  }
  /* The deferred data: the view is already fitted and the level of detail in place, and vis-network's
   * own fit on new data is held back for the call (its listeners are put back afterwards). */
  function loadData() {
    var em = network.body.emitter, emit = em.emit;
    em.emit = function (name) { return name === "fit" ? undefined : emit.apply(this, arguments); };
    try { network.setData({ nodes: nodes, edges: edges }); } finally { em.emit = emit; }
  }

  /* Apply DataSet changes without vis-network's whole-map pass. A public `DataSet.update` makes
   * vis-network re-run its data pass over every node (value ranges, which re-measures every label
   * on the next draw: ~2 s at 10 000 nodes, whatever the number of changed items). Here the
   * DataSet still receives every change (it stays the source of truth, for scripts and tests), but
   * with the network's own listener detached, and the few changed vis items get the same
   * `setOptions` call that listener would make. Falls back to the plain update if vis-network's
   * internals (9.1.2, pinned through pyvis) ever look different. */
  function quietUpdate(set, items, isNodes, noRedraw) {
    if (!items.length) { return; }
    var handler = isNodes ? network.nodesHandler : network.edgesHandler;
    var listeners = handler && (isNodes ? handler.nodesListeners : handler.edgesListeners);
    var live = isNodes ? network.body.nodes : network.body.edges;
    if (!listeners || typeof listeners.update !== "function" || !live || typeof network._updateVisibleIndices !== "function") {
      set.update(items);
      return;
    }
    set.off("update", listeners.update);
    try { set.update(items); } finally { set.on("update", listeners.update); }
    var visibility = false, moves = false;
    for (var j = 0; j < items.length; j++) {
      var item = items[j], target = live[item.id], change = {};
      for (var key in item) { if (key !== "id") { change[key] = item[key]; } }
      if ("hidden" in change) { visibility = true; }
      if ("x" in change || "y" in change) { moves = true; }
      if (target) { target.setOptions(change); }
    }
    if (visibility) { network._updateVisibleIndices(); }
    if (visibility || moves) { geometry++; }
    if (!noRedraw) { requestRedraw(); }
  }

  /* Dimming without touching every node: vis-network node and edge options inherit from the
   * network-wide options through the prototype chain, so the page sets the network-wide opacity
   * (DIM while something is highlighted) and writes an own `opacity` into the DataSet only for the
   * items that must differ from it (the highlighted ones) or that carry a stale own value.
   * A click at 10 000 nodes then updates tens of DataSet items, not 10 000.
   *
   * Zoomed out on a big map the page draws from its own arrays (S.dimmed, S.edgeDimmed), so a
   * click does not wait for vis-network at all: the DataSets and vis-network's items get their
   * opacities in spare time afterwards, and at the latest before vis-network draws again
   * (zooming in) or when a script asks (`argmap.sync()`). `argmap.opacity(id)` always tells what
   * the map shows. */
  var visN = new Float32Array(N), visE = new Float32Array(E);   // own values in the DataSets; 0 = inherits
  var wantG = 1, wantGE = 1;       // the network-wide values the highlight wants
  var visStale = false, syncNodesAt = 0, syncEdgesAt = 0;
  function highlight(lit, litE) {
    // the network-wide value is whatever most items need, so few items carry an own value
    wantG = S.keep && lit * 2 < N ? DIM : 1; wantGE = S.keep && litE * 2 < E ? EDGE_DIM : 1;
    visStale = true; syncNodesAt = 0; syncEdgesAt = 0;
    if (lod()) { chore(syncVis); } else { syncVis(null); }
    requestRedraw();
  }
  /* Bring the DataSets and vis-network's items up to the highlight: everything now (deadline
   * null), or as much as an idle period allows (returns true while some is left). */
  function syncVis(deadline) {
    if (!visStale) { return false; }
    if (syncNodesAt === 0 && syncEdgesAt === 0) {
      network.nodesHandler.options.opacity = wantG;
      network.edgesHandler.options.color.opacity = wantGE;
    }
    var nodeUpdates = [], edgeUpdates = [], STEP = 64;
    while (syncNodesAt < N && (!deadline || deadline.timeRemaining() > 2)) {
      for (var end = Math.min(N, syncNodesAt + STEP); syncNodesAt < end; syncNodesAt++) {
        var j = syncNodesAt, want = S.dimmed[j] ? DIM : 1;
        if (visN[j] ? visN[j] !== want : want !== wantG) { visN[j] = want; nodeUpdates.push({ id: j, opacity: want }); }
      }
      if (deadline) { quietUpdate(nodes, nodeUpdates, true, true); nodeUpdates = []; }
    }
    while (syncNodesAt >= N && syncEdgesAt < E && (!deadline || deadline.timeRemaining() > 2)) {
      for (var endE = Math.min(E, syncEdgesAt + STEP); syncEdgesAt < endE; syncEdgesAt++) {
        var m = syncEdgesAt, wantE = S.edgeDimmed[m] ? EDGE_DIM : 1;
        if (visE[m] ? visE[m] !== wantE : wantE !== wantGE) {
          visE[m] = wantE;
          var col = edgeColor[edgeRel[m]];
          edgeUpdates.push({ id: m, color: { color: col, highlight: col, hover: col, opacity: wantE } });
        }
      }
      if (deadline) { quietUpdate(edges, edgeUpdates, false, true); edgeUpdates = []; }
    }
    quietUpdate(nodes, nodeUpdates, true, true);
    quietUpdate(edges, edgeUpdates, false, true);
    visStale = syncNodesAt < N || syncEdgesAt < E;
    return visStale;
  }

  /* Show S.hiddenN (nodes) and `edgeHidden` (edges): the same network-wide default + own
   * exceptions as the opacity (majority wins). vis-network never draws an edge at a hidden node. */
  var ownH = new Uint8Array(N);   // 0 inherits, 1 shown, 2 hidden
  var shownE = new Uint8Array(E); // 1: the edge is hidden
  function visibility(edgeHidden) {
    var hiddenCount = 0, j;
    for (j = 0; j < N; j++) { hiddenCount += S.hiddenN[j]; }
    var gHidden = hiddenCount * 2 > N ? 2 : 1, nodeUpdates = [], edgeUpdates = [];
    var before = network.nodesHandler.options.hidden ? 2 : 1;
    network.nodesHandler.options.hidden = gHidden === 2;
    for (j = 0; j < N; j++) {
      var want = S.hiddenN[j] ? 2 : 1;
      if (ownH[j] ? ownH[j] !== want : want !== gHidden) { ownH[j] = want; nodeUpdates.push({ id: j, hidden: want === 2 }); }
    }
    for (var m = 0; m < E; m++) {
      if (shownE[m] !== edgeHidden[m]) { shownE[m] = edgeHidden[m]; edgeUpdates.push({ id: m, hidden: !!edgeHidden[m] }); }
    }
    quietUpdate(nodes, nodeUpdates, true);
    quietUpdate(edges, edgeUpdates, false);
    if (before !== gHidden) { geometry++; network._updateVisibleIndices(); requestRedraw(); }
    return N - hiddenCount;
  }

  /* Move nodes ([[index, x, y], ...]); `restore` puts every moved node back at its home first. */
  var moved = [];
  function restoreMoved() {
    if (!moved.length) { return; }
    var h = homePositions(), updates = [];
    for (var j = 0; j < moved.length; j++) { var m = moved[j]; updates.push({ id: m, x: h[2 * m], y: h[2 * m + 1] }); }
    quietUpdate(nodes, updates, true);
    moved = [];
  }
  function place(list) {
    homePositions();
    restoreMoved();
    var updates = [];
    for (var j = 0; j < list.length; j++) { updates.push({ id: list[j][0], x: list[j][1], y: list[j][2] }); moved.push(list[j][0]); }
    quietUpdate(nodes, updates, true);
  }

  function shownOnly(list) { return list.filter(function (x) { return !S.hiddenN[x]; }); }
  /* Move the camera to a set of nodes (at most a readable zoom), or to the one node in a big trace. */
  function showOnMap(list, x) {
    var shown = shownOnly(list), size = canvasSize();
    if (CARDS && shown.length > 1 && size.width) { fitCards(size.width, size.height, shown, 1.1); return; }
    if (shown.length > 1 && shown.length <= 300) {
      network.fit({ nodes: shown, animation: false });
      if (network.getScale() > 1.1) { network.moveTo({ scale: 1.1, animation: false }); }
    } else {
      network.focus(x, { scale: Math.max(network.getScale(), 0.7), animation: false });
    }
  }

  network.once("afterDrawing", function () {
    doc.body.setAttribute("data-drawn", "1");
    if (BIG) { chore(measureSlice); }
  });

  return {
    network: network, nodes: nodes, edges: edges,
    batch: batch,
    start: function () {
      if (deferData) { fitAll(); loadData(); }
      if (positioned && !deferData) { fitAll(); }
    },
    highlight: highlight,
    sync: function () { syncVis(null); return !visStale; },
    visibility: visibility,
    place: place,
    restore: restoreMoved,
    select: function (list) { var shown = shownOnly(list); if (shown.length) { network.selectNodes(shown, false); } else { network.unselectAll(); } },
    unselect: function () { network.unselectAll(); },
    fit: function (list) {
      var size = canvasSize();
      if (list) {
        var shown = shownOnly(list);
        if (CARDS && shown.length && size.width) { fitCards(size.width, size.height, shown, 1.1); }
        else if (shown.length) { network.fit({ nodes: shown, animation: false }); }
      }
      else { fitAll(); }
    },
    fitShown: function () { var size = canvasSize(); if (CARDS && size.width) { fitCards(size.width, size.height); } else { network.fit({ animation: false }); } },
    /* Draw a card map in `dir` ("down" or "right"): the layout's drawing for it that fits the map
     * area best (or drawing number `which`) becomes home. */
    setDirection: function (dir, which) {
      var list = CARDS && data.directions[dir];
      if (!list) { return; }
      S.drawing = typeof which === "number" && list[which] ? which : bestRank(dir, container.clientWidth, container.clientHeight);
      home = Float64Array.from(list[S.drawing]);
      moved = [];
      var updates = [];
      for (var j = 0; j < N; j++) { updates.push({ id: j, x: home[2 * j], y: home[2 * j + 1] }); }
      quietUpdate(nodes, updates, true);
    },
    scale: function () { return network.getScale(); },
    /* Each shown node's box in CSS px relative to the map element: [index, left, top, right, bottom]. */
    boxes: function () {
      var out = [], live = network.body.nodes, W = CARDS ? S.cards.C.width : 0;
      for (var j = 0; j < N; j++) {
        var nd = live[j];
        if (!nd || S.hiddenN[j]) { continue; }
        var w = CARDS ? W : nd.shape.width, h = CARDS ? S.cards.height[j] : nd.shape.height;
        var a = network.canvasToDOM({ x: nd.x - w / 2, y: nd.y - h / 2 }), b = network.canvasToDOM({ x: nd.x + w / 2, y: nd.y + h / 2 });
        out.push([j, a.x, a.y, b.x, b.y]);
      }
      return out;
    },
    positions: livePositions,
    /* A card map's drawn links: [edge index, [x0, y0, x1, y1, ...] in canvas coordinates]; null on a big map. */
    connectors: function () {
      if (!CARDS) { return null; }
      var routes = connectorRoutes(livePositions()), out = [];
      for (var j = 0; j < E; j++) { if (routes[j] && !S.hiddenE[j]) { out.push([j, routes[j].slice()]); } }
      return out;
    },
    /* The node drawn at a point of the map element (CSS px), or null. */
    nodeAt: function (px, py) { var hit = network.getNodeAt({ x: px, y: py }); return hit === undefined ? null : +hit; },
    zoomTo: function (scale) { network.moveTo({ scale: scale, animation: false }); },
    /* The drawing from its top at `scale`, across centred on statement x but not past the drawing's
     * edges (whole across where it fits), and down just far enough that x is in view, clear of the
     * notes: a map bigger than the view is read from its thesis (an outline on a phone from its left
     * edge). */
    showTop: function (x, scale) {
      var size = canvasSize(), live = network.body.nodes[x];
      if (!live) { return; }
      var h = cardHeight(x), b = cardBounds(livePositions()), m = FIT_MARGIN / scale;
      var vw = size.width / scale, vh = size.height / scale, cx = (b.minX + b.maxX) / 2, top = b.minY - m;
      if (b.maxX - b.minX + 2 * m > vw) { cx = Math.min(Math.max(live.x, b.minX - m + vw / 2), b.maxX + m - vw / 2); }
      // (above the notes in the bottom-left corner, where it would lie under them)
      var notes = notesBox(), W = cardWidth();
      var under = notes.h && (live.x - W / 2 - (cx - vw / 2)) * scale < notes.w ? notes.h / scale : 0;
      if (live.y + h / 2 + m + under > top + vh) { top = live.y + h / 2 + m + under - vh; }
      network.moveTo({ position: { x: cx, y: top + vh / 2 }, scale: scale, animation: false });
    },
    /* The part of the drawing in view, in canvas coordinates: {left, top, right, bottom}. */
    view: function () { return viewArea(0); },
    /* The view centred on a point of the drawing (canvas coordinates), at the same zoom. */
    centreOn: function (x, y) { network.moveTo({ position: { x: x, y: y }, animation: false }); },
    focusNode: function (x) { network.focus(x, { scale: Math.max(network.getScale(), 0.7), animation: false }); },
    showOnMap: showOnMap,
    redraw: function () { network.redraw(); },
    canvas: function () { return container.querySelector("canvas"); },
    /* `fn(node index or null)` on a click / double click on the map */
    onClick: function (fn) { network.on("click", function (params) { fn(clickedNode(params)); }); },
    /* `fn()` after each frame the map draws (a pan, a zoom, a click's highlight) */
    onDrawn: function (fn) { network.on("afterDrawing", function () { fn(); }); },
    onDoubleClick: function (fn) { network.on("doubleClick", function (params) { fn(clickedNode(params)); }); }
  };
}
var DIM = 0.18, EDGE_DIM = 0.1;
