/* Connectors on card maps: every link is drawn as a polyline that crosses no card except its own two
 * ends. A straight line that would pass behind a third card reads as a chain ("Remove rivals <-
 * Kirov's murder - Tukhachevsky removed") and misleads about which evidence a reason rests on, so
 * such a link goes round the cards instead, like an org chart: out of the card's side into the gap
 * beside it (cards keep at least 20 px apart), along the gaps, into the other card's side.
 *
 * routeEdge tries a few shapes (level or upright, one bend, two bends through a gap next to either
 * end, three or four bends through the gaps beside both ends, slanted) and keeps the cheapest clear
 * one: length, a cost per bend, and a high cost for running along another statement's trunk (links
 * of one relation to one statement share a trunk; see "lanes" below). When no shape is clear it
 * searches the grid of gap lines around both ends (Dijkstra, turns cost extra), then around the whole
 * map. Every test of a segment asks a bucket index of the card boxes, so a map costs about
 * (links x nearby cards), never all pairs. On maps of up to REROUTE_CARDS cards, a link that still
 * crosses others once all are routed is routed again round them where it can (rerouteCrossing).
 * Pure geometry on positions: the map (vis_adapter.js) and the PNG export (export.js) draw the same
 * routes with drawConnector. */
var ROUTE_GAP = 10,      // a trunk runs this far from a card's side (half the layout's least gap)
    ROUTE_CLEAR = 3,     // a connector keeps at least this far from any card it does not join
    ROUTE_CELL = 256,    // bucket size of the card index (canvas px)
    ROUTE_BEND = 24,     // what a bend costs, in px of length
    ARROW_ROOM = 10,     // the shortest last segment (an arrow head is 12 px long)
    GRID_MAX = 250000;   // the most grid points a search looks at (a few MB), else the link stays straight

/* Where a line from (fx, fy) to the centre of a w x h box at (tx, ty) meets the box's border. */
function borderPoint(fx, fy, tx, ty, w, h) {
  var dx = tx - fx, dy = ty - fy;
  if (!dx && !dy) { return [tx, ty]; }
  var t = Math.min(dx ? w / 2 / Math.abs(dx) : Infinity, dy ? h / 2 / Math.abs(dy) : Infinity);
  return [tx - dx * t, ty - dy * t];
}

/* Does the segment (x0, y0)-(x1, y1) meet the box l, t, r, b (open)? Liang-Barsky clipping. */
function segmentMeetsBox(x0, y0, x1, y1, l, t, r, b) {
  var dx = x1 - x0, dy = y1 - y0, u0 = 0, u1 = 1;
  var p = [-dx, dx, -dy, dy], q = [x0 - l, r - x0, y0 - t, b - y0];
  for (var j = 0; j < 4; j++) {
    if (p[j] === 0) { if (q[j] <= 0) { return false; } continue; }
    var u = q[j] / p[j];
    if (p[j] < 0) { if (u > u0) { u0 = u; } } else if (u < u1) { u1 = u; }
    if (u0 >= u1) { return false; }
  }
  return true;
}

/* The shown cards at `xy` (pairs of centres) as boxes, in buckets of ROUTE_CELL px. */
function routeIndex(xy) {
  var N = S.N, W = S.cards.C.width, box = new Float64Array(4 * N), cells = new Map();
  for (var k = 0; k < N; k++) {
    var h = S.cards.height[k] / 2;
    box[4 * k] = xy[2 * k] - W / 2; box[4 * k + 1] = xy[2 * k + 1] - h;
    box[4 * k + 2] = xy[2 * k] + W / 2; box[4 * k + 3] = xy[2 * k + 1] + h;
    if (S.hiddenN[k]) { continue; }
    var c0 = Math.floor(box[4 * k] / ROUTE_CELL), c1 = Math.floor(box[4 * k + 2] / ROUTE_CELL);
    var r0 = Math.floor(box[4 * k + 1] / ROUTE_CELL), r1 = Math.floor(box[4 * k + 3] / ROUTE_CELL);
    for (var c = c0; c <= c1; c++) {
      for (var r = r0; r <= r1; r++) {
        var key = c + "," + r, list = cells.get(key);
        if (list) { list.push(k); } else { cells.set(key, [k]); }
      }
    }
  }
  return { box: box, cells: cells, stamp: new Int32Array(N), visit: 0, lanes: new Map(), laneVisit: 0, busX: new Map(), busY: new Map(),
           segsOf: new Array(S.E), counted: null, hits: null };
}
/* Two links to different statements (or of different relations) must not run along the same gap: a
 * reader could not tell which evidence goes where. Links of one relation to one statement (a "lane")
 * may: they join like an org chart's lines.
 * The level and upright segments of the routes chosen so far, in buckets like the cards. */
var LANE_NEAR = 7, LANE_COST = 200, LANE_SHARE = 0.8, LANE_ROW = 1048576;
/* Link e's lane: its statement and relation. */
function laneOf(e) { return S.edgeTo[e] * S.RELS.length + S.edgeRel[e]; }
/* The buckets a segment (with LANE_NEAR round it) lies in, as numbers (a string key for each would
 * cost more than the scan it saves on a dense map). */
function laneKeys(x0, y0, x1, y1, fn) {
  var c0 = Math.floor((Math.min(x0, x1) - LANE_NEAR) / ROUTE_CELL), c1 = Math.floor((Math.max(x0, x1) + LANE_NEAR) / ROUTE_CELL);
  var r0 = Math.floor((Math.min(y0, y1) - LANE_NEAR) / ROUTE_CELL), r1 = Math.floor((Math.max(y0, y1) + LANE_NEAR) / ROUTE_CELL);
  for (var c = c0; c <= c1; c++) { for (var r = r0; r <= r1; r++) { fn(c * LANE_ROW + r); } }
}
var BUS_MAX = 6;   // trunks kept per lane, for the next links of the lane to join
/* Each segment is [x0, y0, x1, y1, lane, link e, live, stamp]: a link routed again drops its old
 * ones; laneCost stamps each it has looked at (ix.laneVisit), as it may lie in several buckets. */
function addLanes(ix, pts, lane, e) {
  var own = ix.segsOf[e] = [];
  for (var j = 0; j + 3 < pts.length; j += 2) {
    var seg = [pts[j], pts[j + 1], pts[j + 2], pts[j + 3], lane, e, 1, 0];
    if (seg[0] !== seg[2] && seg[1] !== seg[3]) { continue; }
    own.push(seg);
    if (j > 0 && j + 4 < pts.length) {   // a trunk (not a stub out of or into a card)
      var bus = seg[0] === seg[2] ? ix.busX : ix.busY, list = bus.get(lane) || [], v = seg[0] === seg[2] ? seg[0] : seg[1];
      if (list.length < BUS_MAX && list.indexOf(v) < 0) { list.push(v); bus.set(lane, list); }
    }
    laneKeys(seg[0], seg[1], seg[2], seg[3], function (key) {
      var list = ix.lanes.get(key);
      if (list) { list.push(seg); } else { ix.lanes.set(key, [seg]); }
    });
  }
}
/* What running along (or ending at the end of) other lanes costs the segment; running along its own
 * lane costs a fifth (links to one statement join into one line, as in an org chart). The segments
 * of other lanes it crosses (links into one statement join; they never cross) are counted in
 * ix.crossed, from the same scan of the buckets; each costs CROSS_COST. With `link` (>= 0, the link
 * being routed again) it counts instead the segments of links that share no card with it (of those
 * marked in ix.counted only, where that is set; each one's link is put in ix.hits, where that is
 * set), and a `step` of a grid search counts a line it ends on but not one it starts from, so a path
 * going on across a line at a grid point counts it once. */
var CROSS_COST = 250;
/* What a crossing costs a link routed again (rerouteCrossing), in px of length. Four times what it
 * costs a first route: the first routes stay short, and a link that still crosses others goes round
 * them by up to that much more (measured on the benchmark's generated maps of 10-60 statements:
 * links crossing 53 -> 2 times, dot 28, links 3 % longer in all; at 600 px, 11 times), but does not
 * run along another statement's line instead (that costs LANE_COST, unchanged), where a reader could
 * not tell which evidence goes where. */
var REROUTE_CROSS_COST = 1000;
function laneCost(ix, x0, y0, x1, y1, lane, link, step) {
  var level = y0 === y1, upright = x0 === x1, cost = 0, visit = ++ix.laneVisit, joined = 0;
  var p = level ? x0 : y0, q = level ? x1 : y1, at = level ? y0 : x0, lo = Math.min(p, q), hi = Math.max(p, q);
  var again = link >= 0, a = again ? S.edgeFrom[link] : -1, b = again ? S.edgeTo[link] : -1;
  ix.crossed = 0;
  if (!level && !upright) { return 0; }
  laneKeys(x0, y0, x1, y1, function (key) {
    var list = ix.lanes.get(key);
    for (var j = 0; list && j < list.length; j++) {
      var o = list[j];
      if (o[7] === visit || !o[6]) { continue; }
      o[7] = visit;
      var along;
      if (level && o[1] === o[3] && Math.abs(o[1] - y0) < LANE_NEAR) {
        along = Math.min(Math.max(x0, x1), Math.max(o[0], o[2])) - Math.max(Math.min(x0, x1), Math.min(o[0], o[2]));
      } else if (upright && o[0] === o[2] && Math.abs(o[0] - x0) < LANE_NEAR) {
        along = Math.min(Math.max(y0, y1), Math.max(o[1], o[3])) - Math.max(Math.min(y0, y1), Math.min(o[1], o[3]));
      } else {
        // across it: o must run the other way, past this segment's line, between its ends
        var c = level ? o[0] : o[1];
        if ((level ? o[0] !== o[2] : o[1] !== o[3]) || !(at > Math.min(level ? o[1] : o[0], level ? o[3] : o[2]) &&
                                                         at < Math.max(level ? o[1] : o[0], level ? o[3] : o[2]))) { continue; }
        var other = again ? S.edgeFrom[o[5]] !== a && S.edgeFrom[o[5]] !== b && S.edgeTo[o[5]] !== a && S.edgeTo[o[5]] !== b
                          : o[4] !== lane;
        if (other && (!ix.counted || ix.counted[o[5]]) && (step ? (p < q ? c > p && c <= q : c < p && c >= q) : c > lo && c < hi)) {
          ix.crossed++;
          if (ix.hits) { ix.hits.push(o[5]); }
        }
        continue;
      }
      if (o[4] === lane) { if (along > joined) { joined = along; } }   // joining a line to the same statement
      else if (along > -LANE_NEAR) { cost += LANE_COST + 4 * Math.max(0, along); }   // along it, or end to end
    }
  });
  return cost - LANE_SHARE * Math.min(joined, Math.abs(x1 - x0) + Math.abs(y1 - y0));
}
/* The shown cards whose buckets meet the rectangle l, t, r, b; `fn(k)` returns true to stop. */
function eachCardNear(ix, l, t, r, b, fn) {
  var stamp = ix.stamp, v = ++ix.visit;
  var c0 = Math.floor(l / ROUTE_CELL), c1 = Math.floor(r / ROUTE_CELL), r0 = Math.floor(t / ROUTE_CELL), r1 = Math.floor(b / ROUTE_CELL);
  for (var c = c0; c <= c1; c++) {
    for (var q = r0; q <= r1; q++) {
      var list = ix.cells.get(c + "," + q);
      if (!list) { continue; }
      for (var j = 0; j < list.length; j++) {
        var k = list[j];
        if (stamp[k] === v) { continue; }
        stamp[k] = v;
        if (fn(k)) { return true; }
      }
    }
  }
  return false;
}
/* Is the segment clear of every shown card but `skipA` and `skipB` (by ROUTE_CLEAR)? */
function segmentClear(ix, x0, y0, x1, y1, skipA, skipB) {
  var m = ROUTE_CLEAR, box = ix.box;
  return !eachCardNear(ix, Math.min(x0, x1) - m, Math.min(y0, y1) - m, Math.max(x0, x1) + m, Math.max(y0, y1) + m, function (k) {
    if (k === skipA || k === skipB) { return false; }
    return segmentMeetsBox(x0, y0, x1, y1, box[4 * k] - m, box[4 * k + 1] - m, box[4 * k + 2] + m, box[4 * k + 3] + m);
  });
}
/* Points [x0, y0, x1, y1, ...] without repeated points or straight-through corners. */
function simplify(pts) {
  var out = [pts[0], pts[1]];
  for (var j = 2; j < pts.length; j += 2) {
    var n = out.length, x = pts[j], y = pts[j + 1];
    if (Math.abs(x - out[n - 2]) < 1e-6 && Math.abs(y - out[n - 1]) < 1e-6) { continue; }
    if (n >= 4) {
      var ax = out[n - 4], ay = out[n - 3], bx = out[n - 2], by = out[n - 1];
      if ((Math.abs(ax - bx) < 1e-6 && Math.abs(bx - x) < 1e-6) || (Math.abs(ay - by) < 1e-6 && Math.abs(by - y) < 1e-6)) {
        out[n - 2] = x; out[n - 1] = y; continue;
      }
    }
    out.push(x, y);
  }
  return out;
}
/* The cost of a polyline (length, ROUTE_BEND a bend, laneCost), or Infinity if it crosses a card
 * other than its ends (the first segment may touch card a, the last card b) or turns back on itself.
 * Leaves ix.laneHit true when the cost includes running along another lane (or a cramped arrow). */
function pathCost(ix, pts, a, b, lane) {
  var n = pts.length / 2, cost = 0;
  ix.laneHit = false;
  if (n < 2) { return Infinity; }
  for (var j = 0; j + 1 < n; j++) {
    var x0 = pts[2 * j], y0 = pts[2 * j + 1], x1 = pts[2 * j + 2], y1 = pts[2 * j + 3];
    if (j > 0 && j + 2 < n) {   // a middle segment clears its own ends too
      if (!segmentClear(ix, x0, y0, x1, y1, -1, -1)) { return Infinity; }
    } else if (!segmentClear(ix, x0, y0, x1, y1, j === 0 ? a : -1, j + 2 === n ? b : -1)) { return Infinity; }
    if (j > 0 && (x1 - x0) * (pts[2 * j] - pts[2 * j - 2]) + (y1 - y0) * (pts[2 * j + 1] - pts[2 * j - 1]) < 0) { return Infinity; }
    var along = laneCost(ix, x0, y0, x1, y1, lane), across = CROSS_COST * ix.crossed;
    ix.laneHit = ix.laneHit || along >= LANE_COST || across > 0;
    cost += Math.hypot(x1 - x0, y1 - y0) + along + across;
  }
  // an arrow head needs a last segment of its own length to point the right way
  var last = Math.abs(pts[2 * n - 2] - pts[2 * n - 4]) + Math.abs(pts[2 * n - 1] - pts[2 * n - 3]);
  if (n > 2 && last < ARROW_ROOM) { cost += LANE_COST; ix.laneHit = true; }
  return cost + ROUTE_BEND * (n - 2);
}

/* Is the segment [x0, y0, x1, y1] level or upright (within half a pixel)? */
function levelOrUpright(seg) { return Math.abs(seg[0] - seg[2]) < 0.5 || Math.abs(seg[1] - seg[3]) < 0.5; }
/* The route of a link from card a to card b: points [x0, y0, ...] from a's border to b's. */
function routeEdge(ix, a, b, lane) {
  var B = ix.box, G = ROUTE_GAP;
  var al = B[4 * a], at = B[4 * a + 1], ar = B[4 * a + 2], ab = B[4 * a + 3], ax = (al + ar) / 2, ay = (at + ab) / 2;
  var bl = B[4 * b], bt = B[4 * b + 1], br = B[4 * b + 2], bb = B[4 * b + 3], bx = (bl + br) / 2, by = (bt + bb) / 2;
  var best = null, bestCost = Infinity, shared = false;   // shared: the best runs along another's lane
  function consider(pts) {
    pts = simplify(pts);
    var c = pathCost(ix, pts, a, b, lane);
    if (c < bestCost) { bestCost = c; best = pts; shared = ix.laneHit; }
  }
  // straight, between the borders: first only when it is level or upright (an org chart's lines
  // are; a slanted one among them reads as a different kind of link), else as a last resort
  var s = borderPoint(bx, by, ax, ay, ar - al, ab - at), e = borderPoint(s[0], s[1], bx, by, br - bl, bb - bt);
  var straight = [s[0], s[1], e[0], e[1]];
  if (levelOrUpright(straight)) { consider(straight); }
  // where a vertical trunk may run (x) and a horizontal one (y)
  var xs = [al - G, ar + G, bl - G, br + G].concat(ix.busX.get(lane) || []);
  var ys = [at - G, ab + G, bt - G, bb + G].concat(ix.busY.get(lane) || []);
  if (ar < bl) { xs.push((ar + bl) / 2); } else if (br < al) { xs.push((br + al) / 2); }
  if (ab < bt) { ys.push((ab + bt) / 2); } else if (bb < at) { ys.push((bb + at) / 2); }
  function sideX(x, l, r) { return x <= l ? l : x >= r ? r : null; }   // the side facing a trunk at x
  var j, q, u, x, y, sa, sb;
  for (j = 0; j < xs.length; j++) {     // side - trunk - side
    x = xs[j]; sa = sideX(x, al, ar); sb = sideX(x, bl, br);
    if (sa !== null && sb !== null) { consider([sa, ay, x, ay, x, by, sb, by]); }
  }
  for (j = 0; j < ys.length; j++) {     // top/bottom - trunk - top/bottom
    y = ys[j]; sa = sideX(y, at, ab); sb = sideX(y, bt, bb);
    if (sa !== null && sb !== null) { consider([ax, sa, ax, y, bx, y, bx, sb]); }
  }
  // one bend: out of a's side, into b's top or bottom; out of a's top or bottom, into b's side
  sa = sideX(bx, al, ar); sb = sideX(ay, bt, bb);
  if (sa !== null && sb !== null) { consider([sa, ay, bx, ay, bx, sb]); }
  sa = sideX(by, at, ab); sb = sideX(ax, bl, br);
  if (sa !== null && sb !== null) { consider([ax, sa, ax, by, sb, by]); }
  // three bends: out of a's side into its gap, along it to the gap beside b, into b's top or bottom;
  // or out of a's top or bottom into the gap there, across to the gap beside b, into b's side
  var busX = ix.busX.get(lane) || [], busY = ix.busY.get(lane) || [];
  var gxA = [al - G, ar + G].concat(busX), gyA = [at - G, ab + G].concat(busY);
  var gxB = [bl - G, br + G].concat(busX), gyB = [bt - G, bb + G].concat(busY);
  for (j = 0; j < gxA.length; j++) {
    for (q = 0; q < gyB.length; q++) {
      x = gxA[j]; y = gyB[q]; sa = sideX(x, al, ar); sb = sideX(y, bt, bb);
      if (sa !== null && sb !== null) { consider([sa, ay, x, ay, x, y, bx, y, bx, sb]); }
    }
  }
  for (j = 0; j < gyA.length; j++) {
    for (q = 0; q < gxB.length; q++) {
      y = gyA[j]; x = gxB[q]; sa = sideX(y, at, ab); sb = sideX(x, bl, br);
      if (sa !== null && sb !== null) { consider([ax, sa, ax, y, x, y, x, by, sb, by]); }
    }
  }
  if (best && !shared) { return best; }
  // four bends: out of a's side into its gap, along a gap across, into b's gap, into b's side
  var ax2 = [al - G, ar + G], bx2 = [bl - G, br + G], ay2 = [at - G, ab + G], by2 = [bt - G, bb + G];
  for (j = 0; j < 2; j++) {
    for (q = 0; q < 2; q++) {
      for (u = 0; u < ys.length; u++) { consider([j ? ar : al, ay, ax2[j], ay, ax2[j], ys[u], bx2[q], ys[u], bx2[q], by, q ? br : bl, by]); }
      for (u = 0; u < xs.length; u++) { consider([ax, j ? ab : at, ax, ay2[j], xs[u], ay2[j], xs[u], by2[q], bx, by2[q], bx, q ? bb : bt]); }
    }
  }
  if (best) { return best; }
  consider(straight);
  if (best) { return best; }
  var pad = 2 * S.cards.C.width;
  best = gridRoute(ix, a, b, Math.min(al, bl) - pad, Math.min(at, bt) - pad, Math.max(ar, br) + pad, Math.max(ab, bb) + pad, -1) ||
         gridRoute(ix, a, b, -Infinity, -Infinity, Infinity, Infinity, -1);
  return best || straight;
}

/* The cheapest orthogonal route from a's centre to b's along the gap lines of the cards in a region
 * (each card's sides at ROUTE_GAP and at 5 px), clipped to the two cards' borders; null if none.
 * With `link` (the link being routed; -1 for none), running along other links and crossing them cost
 * as in pathCost, so the route goes round them where it can (along a coarser grid, at ROUTE_GAP only,
 * and just outside the map: it may cover the whole map); each step it looks at spends one of
 * ix.budget, and it gives up (null) when that is spent. */
function gridRoute(ix, a, b, L, T, R, Bm, link) {
  var aware = link >= 0, lane = aware ? laneOf(link) : -1, rim = aware ? ROUTE_GAP : 2 * ROUTE_GAP;
  var B = ix.box, xsSet = new Set(), ysSet = new Set(), offs = aware ? [ROUTE_GAP] : [ROUTE_GAP, 5];
  if (!isFinite(L)) {
    L = Infinity; T = Infinity; R = -Infinity; Bm = -Infinity;
    for (var k = 0; k < S.N; k++) {
      if (S.hiddenN[k]) { continue; }
      L = Math.min(L, B[4 * k]); T = Math.min(T, B[4 * k + 1]); R = Math.max(R, B[4 * k + 2]); Bm = Math.max(Bm, B[4 * k + 3]);
    }
    L -= rim; T -= rim; R += rim; Bm += rim;
  }
  var ax = (B[4 * a] + B[4 * a + 2]) / 2, ay = (B[4 * a + 1] + B[4 * a + 3]) / 2;
  var bx = (B[4 * b] + B[4 * b + 2]) / 2, by = (B[4 * b + 1] + B[4 * b + 3]) / 2;
  xsSet.add(ax); xsSet.add(bx); ysSet.add(ay); ysSet.add(by);
  xsSet.add(L); xsSet.add(R); ysSet.add(T); ysSet.add(Bm);
  if (aware) {   // the trunks of its own lane, to join
    (ix.busX.get(lane) || []).forEach(function (v) { xsSet.add(v); });
    (ix.busY.get(lane) || []).forEach(function (v) { ysSet.add(v); });
  }
  eachCardNear(ix, L, T, R, Bm, function (k) {
    for (var j = 0; j < offs.length; j++) {
      xsSet.add(B[4 * k] - offs[j]); xsSet.add(B[4 * k + 2] + offs[j]);
      ysSet.add(B[4 * k + 1] - offs[j]); ysSet.add(B[4 * k + 3] + offs[j]);
    }
    return false;
  });
  var xs = Array.from(xsSet).filter(function (v) { return v >= L && v <= R; }).sort(function (p, q) { return p - q; });
  var ys = Array.from(ysSet).filter(function (v) { return v >= T && v <= Bm; }).sort(function (p, q) { return p - q; });
  var nx = xs.length, ny = ys.length;
  if (nx * ny > GRID_MAX) { return null; }
  var start = xs.indexOf(ax) * ny + ys.indexOf(ay), goal = xs.indexOf(bx) * ny + ys.indexOf(by);
  if (start < 0 || goal < 0) { return null; }
  // Dijkstra over (grid point, heading); headings 0 +x, 1 -x, 2 +y, 3 -y
  var S4 = nx * ny * 4, dist = new Float64Array(S4).fill(Infinity), prev = new Int32Array(S4).fill(-1);
  var steps = new Float64Array(S4).fill(NaN);   // each step's cost from a point in a direction
  var heap = [], DX = [1, -1, 0, 0], DY = [0, 0, 1, -1];
  function push(cost, st) {
    heap.push([cost, st]);
    for (var i = heap.length - 1; i > 0;) {
      var p = (i - 1) >> 1;
      if (heap[p][0] <= heap[i][0]) { break; }
      var t = heap[p]; heap[p] = heap[i]; heap[i] = t; i = p;
    }
  }
  function pop() {
    var top = heap[0], last = heap.pop();
    if (heap.length) {
      heap[0] = last;
      for (var i = 0; ;) {
        var l = 2 * i + 1, r = l + 1, m = i;
        if (l < heap.length && heap[l][0] < heap[m][0]) { m = l; }
        if (r < heap.length && heap[r][0] < heap[m][0]) { m = r; }
        if (m === i) { break; }
        var t = heap[m]; heap[m] = heap[i]; heap[i] = t; i = m;
      }
    }
    return top;
  }
  for (var h = 0; h < 4; h++) { dist[start * 4 + h] = 0; push(0, start * 4 + h); }
  var found = -1;
  while (heap.length) {
    var top = pop(), cost = top[0], st = top[1];
    if (cost > dist[st]) { continue; }
    var pt = st >> 2, hd = st & 3;
    if (pt === goal) { found = st; break; }
    var i = Math.floor(pt / ny), jy = pt % ny;
    for (var d = 0; d < 4; d++) {
      var i2 = i + DX[d], j2 = jy + DY[d];
      if (i2 < 0 || i2 >= nx || j2 < 0 || j2 >= ny) { continue; }
      var step = steps[pt * 4 + d];
      if (step !== step) {   // not yet known: the same for every heading arriving here
        if (aware && --ix.budget < 0) { return null; }   // the searches' steps are spent
        var x0 = xs[i], y0 = ys[jy], x1 = xs[i2], y1 = ys[j2];
        step = !segmentClear(ix, x0, y0, x1, y1, a, b) ? Infinity : Math.abs(x1 - x0) + Math.abs(y1 - y0) +
          (aware ? laneCost(ix, x0, y0, x1, y1, lane, link, true) + REROUTE_CROSS_COST * ix.crossed : 0);
        steps[pt * 4 + d] = step;
      }
      if (step === Infinity) { continue; }
      var nc = cost + step + (d === hd ? 0 : ROUTE_BEND), ns = (i2 * ny + j2) * 4 + d;
      if (nc < dist[ns]) { dist[ns] = nc; prev[ns] = st; push(nc, ns); }
    }
  }
  if (found < 0) { return null; }
  var pts = [];
  for (var s2 = found; s2 >= 0; s2 = prev[s2]) {
    var p2 = s2 >> 2;
    if (!pts.length || pts[pts.length - 2] !== xs[Math.floor(p2 / ny)] || pts[pts.length - 1] !== ys[p2 % ny]) {
      pts.push(xs[Math.floor(p2 / ny)], ys[p2 % ny]);
    }
  }
  var path = [];
  for (var j3 = pts.length - 2; j3 >= 0; j3 -= 2) { path.push(pts[j3], pts[j3 + 1]); }
  return clipEnds(simplify(path), B, a, b);
}
/* A route from a's centre to b's, cut where it last leaves card a and first enters card b. */
function clipEnds(pts, B, a, b) {
  function inside(k, x, y) { return x > B[4 * k] && x < B[4 * k + 2] && y > B[4 * k + 1] && y < B[4 * k + 3]; }
  function exitPoint(k, x0, y0, x1, y1) {   // where the segment from inside box k to (x1, y1) leaves it
    var t = 1, dx = x1 - x0, dy = y1 - y0;
    if (dx > 0) { t = Math.min(t, (B[4 * k + 2] - x0) / dx); } else if (dx < 0) { t = Math.min(t, (B[4 * k] - x0) / dx); }
    if (dy > 0) { t = Math.min(t, (B[4 * k + 3] - y0) / dy); } else if (dy < 0) { t = Math.min(t, (B[4 * k + 1] - y0) / dy); }
    return [x0 + dx * t, y0 + dy * t];
  }
  var n = pts.length / 2, first = 0, last = n - 1;
  while (first + 1 < n && inside(a, pts[2 * first + 2], pts[2 * first + 3])) { first++; }
  while (last - 1 > first && inside(b, pts[2 * last - 2], pts[2 * last - 1])) { last--; }
  var p0 = exitPoint(a, pts[2 * first], pts[2 * first + 1], pts[2 * first + 2], pts[2 * first + 3]);
  var p1 = exitPoint(b, pts[2 * last], pts[2 * last + 1], pts[2 * last - 2], pts[2 * last - 1]);
  var out = [p0[0], p0[1]];
  for (var j = first + 1; j < last; j++) { out.push(pts[2 * j], pts[2 * j + 1]); }
  out.push(p1[0], p1[1]);
  return simplify(out);
}

/* How many links that share no card with link e the route `pts` of e crosses (laneCost's count). */
function routeCrossings(ix, pts, e) {
  var n = 0, lane = laneOf(e);
  for (var j = 0; j + 3 < pts.length; j += 2) { laneCost(ix, pts[j], pts[j + 1], pts[j + 2], pts[j + 3], lane, e, false); n += ix.crossed; }
  return n;
}
/* Links that still cross others once every link has a route are routed again: their old routes
 * taken up, a search along the gap lines of the whole map and round its edge in which a crossing
 * costs REROUTE_CROSS_COST px of length, the new routes kept if they cross fewer links in all. Evidence
 * shared with a reason far across the map then goes round the lines between them rather than across
 * all of them (routing link by link, the first links cannot know what the later ones will need).
 * First each crossing link alone, most crossings first; then each lane (the links of one relation
 * into one statement, which share a trunk) still crossing, all its links together, so a trunk can
 * move to the other side of the cards it serves; last each lane still crossing together with the
 * links that block its way round (blocking). Each search covers the whole map, so this is done
 * on maps of up to REROUTE_CARDS cards (lanes: up to REROUTE_LANE_CARDS) with at most two links a
 * card (where there are more, their lines fill the gaps and there is no way round them), and all the
 * searches together look at no more than REROUTE_STEPS steps between grid points. */
var REROUTE_CARDS = 150, REROUTE_LANE_CARDS = 80, REROUTE_STEPS = 50000;
/* A level or upright line straight from one card to the next (evidence beside its statement): the
 * shortest a link can be, so it keeps it, and a link crossing it is the one routed again. */
function stub(pts) { return pts.length === 4 && levelOrUpright(pts); }
function rerouteCrossing(ix, routes) {
  if (S.N > REROUTE_CARDS || S.E > 2 * S.N) { return; }
  ix.budget = REROUTE_STEPS;
  var count = new Int32Array(S.E), alone = [], lanes = new Map();
  for (var e = 0; e < S.E; e++) {
    if (!routes[e] || !ix.segsOf[e] || stub(routes[e])) { continue; }
    count[e] = routeCrossings(ix, routes[e], e);
    if (count[e]) { alone.push(e); }
    var lane = laneOf(e);
    if (lanes.has(lane)) { lanes.get(lane).push(e); } else { lanes.set(lane, [e]); }
  }
  alone.sort(function (p, q) { return count[q] - count[p] || p - q; });
  alone.forEach(function (e) { routeAgain(ix, routes, [e]); });
  if (S.N > REROUTE_LANE_CARDS) { return; }
  var order = Array.from(lanes.keys()).sort(function (p, q) { return p - q; });
  order.forEach(function (lane) {
    var list = lanes.get(lane);
    if (list.length > 1) { routeAgain(ix, routes, list); }
  });
  // a lane still crossing may have a way round that only other links' routes block (a line to the
  // thesis running up the gap it would take): it is routed again together with those links, which
  // then go round it in turn
  order.forEach(function (lane) {
    var list = lanes.get(lane), blockers = blocking(ix, routes, list);
    if (blockers.length) { routeAgain(ix, routes, list.concat(blockers)); }
  });
}
/* The links whose routes block the way round for the links of `list` (one lane) where these still
 * cross others: one search for the lane's first link in which only stubs count as crossed (they
 * never move), and the links (not stubs) its route then crosses; none where that route would still
 * cross a stub, or where the lane crosses nothing. */
function blocking(ix, routes, list) {
  var crossing = 0;
  if (ix.budget > 0) { list.forEach(function (e) { crossing += routeCrossings(ix, routes[e], e); }); }
  if (!crossing) { return []; }
  var mine = new Set(list), stubs = new Uint8Array(S.E), others = new Uint8Array(S.E);
  for (var e = 0; e < S.E; e++) {
    if (!routes[e] || !ix.segsOf[e] || mine.has(e)) { continue; }
    if (stub(routes[e])) { stubs[e] = 1; } else { others[e] = 1; }
  }
  takeUp(ix, list, true);
  ix.counted = stubs;   // the search counts crossing stubs only
  var first = list[0], pts = gridRoute(ix, S.edgeFrom[first], S.edgeTo[first], -Infinity, -Infinity, Infinity, Infinity, first);
  var found = [];
  if (pts && pts.length >= 4 && routeCrossings(ix, pts, first) === 0) {
    ix.counted = others;   // then the other links its route crosses, each once, in link order
    ix.hits = [];
    routeCrossings(ix, pts, first);
    found = Array.from(new Set(ix.hits)).sort(function (p, q) { return p - q; });
    ix.hits = null;
  }
  ix.counted = null;
  takeUp(ix, list, false);
  return found;
}
/* Takes the routes of the links of `list` up (their segments no longer cost or count), or puts them
 * back (`up` false). */
function takeUp(ix, list, up) {
  list.forEach(function (e) { ix.segsOf[e].forEach(function (seg) { seg[6] = up ? 0 : 1; }); });
}
/* Routes the links of `list` again, in turn (each with its own search), keeping the new routes if
 * they cross fewer links in all than the old ones. */
function routeAgain(ix, routes, list) {
  function crossed() { var n = 0; list.forEach(function (e) { n += routeCrossings(ix, routes[e], e); }); return n; }
  var before = ix.budget > 0 ? crossed() : 0;   // links routed again meanwhile may have left them
  if (!before) { return; }
  var old = list.map(function (e) { return [routes[e], ix.segsOf[e]]; }), done = true;
  takeUp(ix, list, true);
  for (var j = 0; j < list.length; j++) {
    var e = list[j], a = S.edgeFrom[e], b = S.edgeTo[e];
    var pts = gridRoute(ix, a, b, -Infinity, -Infinity, Infinity, Infinity, e);
    if (!pts || pts.length < 4) { done = false; break; }
    routes[e] = pts;
    addLanes(ix, pts, laneOf(e), e);
  }
  if (done && crossed() < before) { return; }
  list.forEach(function (e, i) {
    if (ix.segsOf[e] !== old[i][1]) { ix.segsOf[e].forEach(function (seg) { seg[6] = 0; }); }
    routes[e] = old[i][0]; ix.segsOf[e] = old[i][1];
    old[i][1].forEach(function (seg) { seg[6] = 1; });
  });
}
/* Every link's route for the cards at `xy` (null for a link with a hidden end), kept until the
 * positions or the shown cards change. */
var routeCache = { xy: null, hidden: null, routes: null };
function connectorRoutes(xy) {
  var c = routeCache, same = c.routes && c.xy.length === xy.length;
  for (var j = 0; same && j < xy.length; j++) { if (c.xy[j] !== xy[j]) { same = false; } }
  for (j = 0; same && j < S.N; j++) { if (c.hidden[j] !== S.hiddenN[j]) { same = false; } }
  if (same) { return c.routes; }
  var ix = routeIndex(xy), routes = new Array(S.E), order = [], argued = new Uint8Array(S.N);
  // the links out of leaves first (evidence beside its statement: short, with one way in), then the
  // rest, shortest first: the later ones go round the earlier ones rather than across
  for (var e = 0; e < S.E; e++) { order.push(e); argued[S.edgeTo[e]] = 1; }
  function reach(e) { var a = S.edgeFrom[e], b = S.edgeTo[e]; return Math.abs(xy[2 * a] - xy[2 * b]) + Math.abs(xy[2 * a + 1] - xy[2 * b + 1]); }
  var span = order.map(reach);
  order.sort(function (p, q) { return argued[S.edgeFrom[p]] - argued[S.edgeFrom[q]] || span[p] - span[q] || p - q; });
  for (var t = 0; t < S.E; t++) {
    e = order[t];
    var a = S.edgeFrom[e], b = S.edgeTo[e];
    var lane = laneOf(e);   // links of one relation to one statement may join
    routes[e] = S.hiddenN[a] || S.hiddenN[b] || a === b ? null : routeEdge(ix, a, b, lane);
    if (routes[e]) { addLanes(ix, routes[e], lane, e); }
  }
  rerouteCrossing(ix, routes);
  c.xy = Float64Array.from(xy); c.hidden = Uint8Array.from(S.hiddenN); c.routes = routes;
  return routes;
}
/* Draw link e along `pts` on a 2D context in canvas coordinates, in its relation's look, with its
 * arrow head (or bar) at the end; `minWidth` keeps it visible when zoomed far out. */
function drawConnector(ctx, e, pts, minWidth) {
  var rel = S.RELS[S.edgeRel[e]], n = pts.length / 2;
  ctx.save();
  ctx.globalAlpha = S.edgeDimmed[e] ? EDGE_DIM : 1;
  ctx.strokeStyle = ctx.fillStyle = relColor(rel); ctx.lineWidth = Math.max(rel.width, minWidth || 0);
  ctx.lineJoin = "round";
  if (rel.dashes) { ctx.setLineDash(Array.isArray(rel.dashes) ? rel.dashes : [5, 5]); }
  ctx.beginPath(); ctx.moveTo(pts[0], pts[1]);
  for (var j = 1; j < n; j++) { ctx.lineTo(pts[2 * j], pts[2 * j + 1]); }
  ctx.stroke();
  ctx.setLineDash([]);
  var tx = pts[2 * n - 2], ty = pts[2 * n - 1];
  ctx.translate(tx, ty); ctx.rotate(Math.atan2(ty - pts[2 * n - 3], tx - pts[2 * n - 4]));
  if (rel.arrow === "bar") { ctx.lineWidth = 3; ctx.beginPath(); ctx.moveTo(-2, -8); ctx.lineTo(-2, 8); ctx.stroke(); }
  else { ctx.beginPath(); ctx.moveTo(0, 0); ctx.lineTo(-12, -5.5); ctx.lineTo(-12, 5.5); ctx.closePath(); ctx.fill(); }
  ctx.restore();
}
/* Draw every shown link of a card map at `xy`: dimmed ones first, the highlighted over them. */
function drawConnectors(ctx, xy, minWidth) {
  var routes = connectorRoutes(xy);
  for (var pass = 1; pass >= 0; pass--) {
    for (var e = 0; e < S.E; e++) {
      if (routes[e] && !S.hiddenE[e] && S.edgeDimmed[e] === pass) { drawConnector(ctx, e, routes[e], minWidth); }
    }
  }
}
