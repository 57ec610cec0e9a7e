/* Export: the map as a PNG image and as argmap's JSON document (argmap.writers.native.write_json). */

function fileBase() {
  var base = String(S.data.title || "argmap").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60);
  return base || "argmap";
}
function download(href, name) {
  var a = el("a");
  a.href = href; a.download = name; a.hidden = true;
  doc.body.appendChild(a); a.click(); doc.body.removeChild(a);
}
/* -- print-size images ------------------------------------------------------------------------
 * The PNG is drawn by the page itself on a canvas of its own (not a copy of the screen): the whole
 * map (or the evidence matrix, from that view) at >= 2x the device pixel ratio and >= 1 600 px wide,
 * with the title and a legend; each card exactly as on screen (drawCard). */
var EXPORT_MIN_WIDTH = 1600, EXPORT_MAX_SIDE = 12000, EXPORT_MAX_AREA = 60e6;
function exportScale(width, height) {
  var s = Math.max(2 * (window.devicePixelRatio || 1), EXPORT_MIN_WIDTH / width);
  s = Math.min(s, EXPORT_MAX_SIDE / width, EXPORT_MAX_SIDE / height, Math.sqrt(EXPORT_MAX_AREA / (width * height)));
  return Math.max(s, 0.05);
}
function newCanvas(width, height, scale) {
  var canvas = el("canvas");
  canvas.width = Math.max(1, Math.ceil(width * scale)); canvas.height = Math.max(1, Math.ceil(height * scale));
  var ctx = canvas.getContext("2d");
  ctx.scale(scale, scale);
  ctx.fillStyle = S.DARK ? "#15171a" : "#ffffff";
  ctx.fillRect(0, 0, width, height);
  return { canvas: canvas, ctx: ctx };
}
var INK = function () { return S.DARK ? "#ececec" : "#1a1a1a"; };
/* Title and legend at the top of an image `width` wide; returns the height they take. */
function drawHeader(ctx, width, legend) {
  ctx.fillStyle = INK(); ctx.textBaseline = "top"; ctx.textAlign = "left";
  ctx.font = "bold 26px " + BASE_FONT;
  ctx.fillText(String(S.data.title), 24, 18, width - 48);
  if (!legend) { return 62; }
  var x = 24, y = 62, items = [];
  S.KINDS.forEach(function (kd) { items.push(["kind", kd]); });
  S.RELS.forEach(function (r) { items.push(["rel", r]); });
  items.push(["hedged"], ["weak"]);
  ctx.font = "15px " + BASE_FONT;
  items.forEach(function (it) {
    var text = it[0] === "kind" ? it[1].name : it[0] === "rel" ? it[1].relation : it[0] === "hedged" ? "dashed border: hedged" : "weak spot (worst in red)";
    var w = 26 + ctx.measureText(text).width + 18;
    if (x + w > width - 24) { x = 24; y += 26; }
    ctx.save();
    if (it[0] === "kind") {
      roundRect(ctx, x, y, 20, 18, 4); ctx.fillStyle = it[1].color; ctx.fill();
      ctx.fillStyle = it[1].font; ctx.font = "12px " + BASE_FONT; ctx.textAlign = "center"; ctx.textBaseline = "middle";
      ctx.fillText(it[1].symbol, x + 10, y + 9.5);
    } else if (it[0] === "rel") {
      ctx.strokeStyle = relColor(it[1]); ctx.lineWidth = Math.max(2, it[1].width);
      if (it[1].dashes) { ctx.setLineDash(it[1].dashes); }
      ctx.beginPath(); ctx.moveTo(x, y + 9); ctx.lineTo(x + 20, y + 9); ctx.stroke();
    } else if (it[0] === "hedged") {
      ctx.setLineDash([5, 3]); ctx.strokeStyle = INK(); ctx.lineWidth = 2; ctx.strokeRect(x + 1, y + 1, 18, 16);
    } else { drawBadge(ctx, x + 20, y + 9, "!", badgeLook(1)); }
    ctx.restore();
    ctx.fillStyle = INK(); ctx.textBaseline = "top"; ctx.textAlign = "left"; ctx.font = "15px " + BASE_FONT;
    ctx.fillText(text, x + 26, y + 1);
    x += w;
  });
  return y + 40;
}
/* A big map's link in the image: a straight line between the boxes' borders. */
function drawEdge(ctx, e, xy) {
  var a = S.edgeFrom[e], b = S.edgeTo[e];
  var from = borderPoint(xy[2 * b], xy[2 * b + 1], xy[2 * a], xy[2 * a + 1], cardWidth(), cardHeight(a));
  var to = borderPoint(from[0], from[1], xy[2 * b], xy[2 * b + 1], cardWidth(), cardHeight(b));
  drawConnector(ctx, e, [from[0], from[1], to[0], to[1]], 0);
}
/* The map image's frame for the cards at `xy`: its size (before scaling), the height of the title
 * and legend on top, and the cards' bounds. */
var IMAGE_MARGIN = 30, IMAGE_MIN_WIDTH = 900;
function mapFrame(xy) {
  var b = cardBounds(xy), M = IMAGE_MARGIN;
  if (!(b.maxX >= b.minX)) { b = { minX: 0, maxX: 400, minY: 0, maxY: 200 }; }
  var width = Math.max(b.maxX - b.minX + 2 * M, IMAGE_MIN_WIDTH), head = drawHeader(newCanvas(1, 1, 1).ctx, width, true);
  return { width: width, height: head + b.maxY - b.minY + 2 * M, head: head, bounds: b };
}
/* The whole map (what is shown of it) at `given` positions (else as on screen), title and legend on top. */
function mapImage(given) {
  var xy = given || S.vis.positions(), f = mapFrame(xy), b = f.bounds, width = f.width, height = f.height, j;
  var scale = exportScale(width, height), c = newCanvas(width, height, scale), ctx = c.ctx;
  drawHeader(ctx, width, true);
  var ox = (width - (b.maxX - b.minX)) / 2 - b.minX, oy = f.head + IMAGE_MARGIN - b.minY;
  ctx.translate(ox, oy);
  if (S.cards) { drawConnectors(ctx, xy, 0); }   // routed round the cards, as on screen
  else {
    for (j = 0; j < S.E; j++) {
      if (!S.hiddenN[S.edgeFrom[j]] && !S.hiddenN[S.edgeTo[j]] && !S.hiddenE[j]) { drawEdge(ctx, j, xy); }
    }
  }
  for (j = 0; j < S.N; j++) {
    if (S.hiddenN[j]) { continue; }
    if (S.cards) { drawCard(ctx, j, xy[2 * j], xy[2 * j + 1], S.current === S.ids[j], false); }
    else { drawBox(ctx, j, xy[2 * j], xy[2 * j + 1]); }
  }
  return c.canvas;
}
/* A big map's statement in the image: a box in its kind's colour with its label. */
function drawBox(ctx, k, x, y) {
  var kind = S.KINDS[S.kindOf[k]];
  ctx.save();
  ctx.globalAlpha = S.dimmed[k] ? DIM : 1;
  ctx.fillStyle = kind.color; ctx.fillRect(x - NODE_W / 2, y - NODE_H / 2, NODE_W, NODE_H);
  ctx.fillStyle = kind.font; ctx.font = "13px " + BASE_FONT; ctx.textAlign = "center"; ctx.textBaseline = "middle";
  ctx.fillText(kind.symbol + " " + shorten(labelOf(k), 24), x, y, 170);
  var bd = badgeOf(k);
  if (bd) { drawBadge(ctx, x + NODE_W / 2 + 6, y - NODE_H / 2, bd.word, badgeLook(bd.rank)); }
  ctx.restore();
}
/* The evidence matrix as an image: reasons down, evidence across, the marks of the matrix view. */
function matrixImage() {
  var M = S.matrix, rows = M.rows.slice(0, MAX_ROWS), cols = M.cols.slice(0, MAX_COLS);
  var LEFT = 360, CELL = 40, TOP = 220, ROW = 40, j;
  var width = Math.max(LEFT + cols.length * CELL + 150, 700), probe = newCanvas(1, 1, 1).ctx;
  var head = drawHeader(probe, width, false), height = head + TOP + rows.length * ROW + 30;
  var scale = exportScale(width, height), c = newCanvas(width, height, scale), ctx = c.ctx;
  drawHeader(ctx, width, false);
  ctx.translate(0, head);
  var rowAt = new Int32Array(S.N).fill(-1), colAt = new Int32Array(S.N).fill(-1), cells = [];
  rows.forEach(function (x, r) { rowAt[x] = r; });
  cols.forEach(function (x, q) { colAt[x] = q; });
  M.links.forEach(function (L) { if (rowAt[L[0]] >= 0 && colAt[L[1]] >= 0) { cells.push(L); } });
  ctx.fillStyle = INK(); ctx.font = "600 15px " + BASE_FONT; ctx.textBaseline = "bottom"; ctx.textAlign = "left";
  ctx.fillText(S.KINDS[1].name + " \u2193   Evidence \u2192", 24, TOP - 8);
  ctx.font = "14px " + BASE_FONT;
  cols.forEach(function (x, q) {   // column heads, turned to read upwards
    ctx.save();
    ctx.translate(LEFT + q * CELL + CELL / 2 + 5, TOP - 8); ctx.rotate(-Math.PI / 3);
    ctx.fillText(shorten(labelOf(x), 30), 0, 0);
    ctx.restore();
  });
  ctx.strokeStyle = S.DARK ? "#3a3d42" : "#d0d0cc"; ctx.lineWidth = 1;
  rows.forEach(function (x, r) {
    var y = TOP + r * ROW;
    ctx.strokeRect(16, y, LEFT - 16 + cols.length * CELL, ROW);
    ctx.fillStyle = INK(); ctx.textBaseline = "middle"; ctx.font = "600 14px " + BASE_FONT;
    ctx.fillText(S.KINDS[S.kindOf[x]].symbol + " " + shorten(labelOf(x), 34), 24, y + ROW / 2 - 7, LEFT - 40);
    ctx.font = "12px " + BASE_FONT; ctx.fillStyle = S.DARK ? "#b8b8b8" : "#4a4a4a";
    var s = M.strength[M.rows.indexOf(x)];
    ctx.fillText(s > 0 ? "strength " + formatStrength(s) : "no evidence", 24, y + ROW / 2 + 10);
  });
  for (j = 0; j <= cols.length; j++) {
    ctx.beginPath(); ctx.moveTo(LEFT + j * CELL, TOP); ctx.lineTo(LEFT + j * CELL, TOP + rows.length * ROW); ctx.stroke();
  }
  cells.forEach(function (L) {
    var cx = LEFT + colAt[L[1]] * CELL + CELL / 2, cy = TOP + rowAt[L[0]] * ROW + ROW / 2 - 4;
    ctx.fillStyle = L[2] ? "#009E73" : "#0072B2"; ctx.font = "20px " + BASE_FONT; ctx.textAlign = "center";
    ctx.fillText(L[2] ? "\u25cf" : "\u25cb", cx, cy);
    var lvl = levelName(L[4]);
    if (lvl) { ctx.font = "10px " + BASE_FONT; ctx.fillStyle = INK(); ctx.fillText(lvl, cx, cy + 15, CELL - 2); }
    ctx.textAlign = "left";
  });
  return c.canvas;
}
/* The image for the current view (the map, or the matrix from the matrix view), as a PNG data URL. */
function imageURL() { return (S.view === "matrix" && S.matrix ? matrixImage() : mapImage()).toDataURL("image/png"); }
function exportPNG() {
  var url = imageURL();
  download(url, fileBase() + (S.view === "matrix" ? "-matrix" : "") + ".png");
  return url;
}
/* Printing: a map of up to PRINT_MAX statements prints as its image on an A4 landscape page, then
 * the outline; a bigger map prints as the outline alone. */
var PRINT_MAX = 40;
/* The image's room on the sheet, CSS px: an A4 landscape sheet's width inside its 10 mm margins
 * (style.css @page: 277 mm), and the image's greatest height (style.css: 18 cm). */
var PRINT_PAGE = [1047, 680];
/* How large the image of the cards at `xy` prints: the scale that fits it, title and legend
 * included, into PRINT_PAGE. */
function printScale(xy) {
  var f = mapFrame(xy);
  return Math.min(PRINT_PAGE[0] / f.width, PRINT_PAGE[1] / f.height);
}
/* A card map prints the layout's drawing whose image prints largest, the simplest of its direction's
 * within 2 % of it: the direction is chosen for the sheet, as the screen's is for the window,
 * unless a reader or the render option fixed it. */
function printPositions() {
  if (!S.cards || S.data.layout === "force" || !S.data.directions) { return null; }
  var fixed = fixedDirection(), best = null;
  (fixed ? [fixed] : ["down", "right"]).forEach(function (dir) {
    var list = S.data.directions[dir] || [], scales = list.map(printScale);
    scales.forEach(function (scale) {
      if (!best || scale > best.top) { best = { list: list, scales: scales, top: scale }; }
    });
  });
  if (!best) { return null; }
  var j = 0;
  while (best.scales[j] < best.top * 0.98) { j++; }
  return Float64Array.from(best.list[j]);
}
/* `draw()` in the light colours: paper is white, so a map drawn dark on screen prints light (as the
 * page's text does, style.css). */
function onPaper(draw) {
  var dark = S.DARK;
  function theme(on) { S.DARK = on; if (S.cards) { Object.assign(S.cards, cardPalette(on)); } }
  theme(false);
  try { return draw(); } finally { theme(dark); }
}
function preparePrint() {
  var img = $("print-map");
  if (S.N > PRINT_MAX) { doc.body.classList.add("print-big"); return; }
  if (!img) { img = el("img"); img.id = "print-map"; img.className = "print-map"; img.alt = "The argument map"; $("outline").parentNode.insertBefore(img, $("outline")); }
  img.src = onPaper(function () { return mapImage(printPositions()).toDataURL("image/png"); });
}
/* JSON as Python's json.dumps(indent=2, ensure_ascii=False) writes it, keys in insertion order. */
function pyJSON(value, indent) {
  if (value === null || typeof value !== "object") { return JSON.stringify(value); }
  var pad = indent + "  ", parts;
  if (Array.isArray(value)) {
    if (!value.length) { return "[]"; }
    parts = value.map(function (v) { return pad + pyJSON(v, pad); });
    return "[\n" + parts.join(",\n") + "\n" + indent + "]";
  }
  var pairs = value instanceof Pairs ? value : Pairs.of(value);
  if (!pairs.keys.length) { return "{}"; }
  parts = pairs.keys.map(function (key, j) { return pad + JSON.stringify(key) + ": " + pyJSON(pairs.values[j], pad); });
  return "{\n" + parts.join(",\n") + "\n" + indent + "}";
}
/* An ordered mapping whose keys may be any string (`__proto__` too). */
function Pairs() { this.keys = []; this.values = []; }
Pairs.prototype.set = function (key, value) { this.keys.push(key); this.values.push(value); return this; };
Pairs.of = function (obj) {
  var out = new Pairs();
  Object.keys(obj).forEach(function (key) { out.set(key, obj[key]); });
  return out;
};
/* The native document, rebuilt from the page data (an edge row is [from, to, relation, link, premise]). */
function mapDocument() {
  var out = Pairs.of(S.data.doc || {}), ids = S.ids, N = S.N, j;
  var nodeMap = new Pairs(), rels = S.RELS.map(function (r) { return r.relation; });
  var outgoing = [];
  for (j = 0; j < N; j++) { outgoing.push([]); }
  S.data.edges.forEach(function (ed) { outgoing[ed[0]].push(ed); });
  for (j = 0; j < N; j++) {
    var r = S.data.nodes[j], node = new Pairs();
    node.set("kind", S.KINDS[r[1]].kind);
    // a card map's slot 4 holds the wrapped card lines; its own labels travel in data.labels
    var own = S.data.labels ? S.data.labels[j] : r[4];
    if (own !== 0 && own != null) { node.set("label", own); }
    node.set("text", r[5]);
    if (S.confOf[j] >= 0) { node.set("confidence", S.CONF[S.confOf[j]].level); }
    if (r[7] != null) { node.set("source", r[7]); }
    if (r[8] != null) { node.set("quote", r[8]); }
    if (r[9] != null) { node.set("tags", r[9]); }
    if (r[10] != null) { node.set("note", r[10]); }
    if (r[11] != null) { node.set("group", r[11]); }
    var byRel = rels.map(function () { return []; });
    outgoing[j].forEach(function (ed) {
      var to = ids[ed[1]], link = ed.length > 3 ? ed[3] : null;
      if (rels[ed[2]] === "undercuts") {
        var entry = new Pairs().set("from", ed[4] >= 0 ? ids[ed[4]] : null).set("to", to);
        if (link != null) { entry.set("link", link); }
        byRel[ed[2]].push(entry);
      } else if (link != null) { byRel[ed[2]].push(new Pairs().set("to", to).set("link", link)); }
      else { byRel[ed[2]].push(to); }
    });
    rels.forEach(function (name, q) {
      var t = byRel[q];
      if (t.length) { node.set(name, t.length === 1 && typeof t[0] === "string" ? t[0] : t); }
    });
    if (r[12] != null) { node.set("data", r[12]); }
    nodeMap.set(ids[j], node);
  }
  out.set("nodes", nodeMap);
  return out;
}
function mapJSON() { return pyJSON(mapDocument(), "") + "\n"; }
function exportJSON() {
  var text = mapJSON();
  if (S.jsonURL) { URL.revokeObjectURL(S.jsonURL); }
  S.jsonURL = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  download(S.jsonURL, fileBase() + ".json");
  return text;
}
function initExport() {
  $("export-png").addEventListener("click", exportPNG);
  $("export-json").addEventListener("click", exportJSON);
  $("print-button").addEventListener("click", function () { preparePrint(); window.print(); });
  window.addEventListener("beforeprint", preparePrint);
}
