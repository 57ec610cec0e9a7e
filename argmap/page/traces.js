/* Traces (mirror argmap/analysis.py) and the highlight they set in S. */

/* Breadth-first walk from `start` over the adjacency lists `adj` (node indexes, BFS order). */
function walk(start, adj) {
  var seen = new Uint8Array(S.N), order = [], queue = [start], head = 0;
  seen[start] = 1;
  while (head < queue.length) {
    var cur = queue[head++], next = adj[cur];
    for (var j = 0; j < next.length; j++) {
      var o = next[j];
      if (!seen[o]) { seen[o] = 1; order.push(o); queue.push(o); }
    }
  }
  return order;
}
/* analysis._spread: breadth-first from `first` (in order) along `adj`, never back to `start`;
 * every node reached, `first` included, each once. */
function spread(start, first, adj) {
  var seen = new Uint8Array(S.N), order = [], head = 0, f, j;
  seen[start] = 1;
  for (f = 0; f < first.length; f++) { if (!seen[first[f]]) { seen[first[f]] = 1; order.push(first[f]); } }
  while (head < order.length) {
    var next = adj[order[head++]];
    for (j = 0; j < next.length; j++) { if (!seen[next[j]]) { seen[next[j]] = 1; order.push(next[j]); } }
  }
  return order;
}
/* analysis.trace: what a node rests on, what rests on it, its direct objections, what it attacks
 * (and everything any edge leads on to from there) and what answers it (its objections, then
 * what each rests on). Ids, BFS order. */
function trace(id) {
  var x = nodeIndex(id);
  return { node: id, restsOn: toIds(walk(x, S.supIn)), reliedOnBy: toIds(walk(x, S.supOut)),
           objections: toIds(S.attIn[x]), attacks: toIds(spread(x, S.attackOut[x], S.allOut)),
           answeredBy: toIds(spread(x, S.attIn[x], S.supIn)) };
}
/* The highlighted ids of a trace (the node first, no repeats) and their mask. */
function traceMask(t) {
  var mask = new Uint8Array(S.N), out = [];
  var all = [t.node].concat(t.restsOn, t.reliedOnBy, t.objections, t.attacks, t.answeredBy);
  for (var j = 0; j < all.length; j++) {
    var ix = S.index.get(all[j]);
    if (!mask[ix]) { mask[ix] = 1; out.push(all[j]); }
  }
  return { mask: mask, ids: out };
}
/* Set which nodes are highlighted (a mask, or null for all) and let the drawing follow. */
function applyHighlight(mask) {
  S.keep = mask;
  var lit = S.N, litE = S.E, q;
  if (mask) {
    lit = 0; litE = 0;
    for (q = 0; q < S.N; q++) { lit += mask[q]; S.dimmed[q] = mask[q] ? 0 : 1; }
    for (q = 0; q < S.E; q++) { var on = mask[S.edgeFrom[q]] & mask[S.edgeTo[q]]; litE += on; S.edgeDimmed[q] = on ? 0 : 1; }
  } else { S.dimmed.fill(0); S.edgeDimmed.fill(0); }
  S.litCount = lit;
  S.vis.highlight(lit, litE);
  if (S.filters.connected) { refreshVisibility(); }
}
/* The outline's order: each conclusion, then what argues about it, depth first ([index, depth]). */
function outlineOrder() {
  var N = S.N, seen = new Uint8Array(N), out = [], stack = [], starts = [], j;
  for (j = 0; j < N; j++) { if (S.kindOf[j] === 0) { starts.push(j); } }
  if (!starts.length) { for (j = 0; j < N; j++) { if (!S.supOut[j].length && !S.attOut[j]) { starts.push(j); } } }
  for (j = 0; j < N; j++) { starts.push(j); }
  for (j = starts.length - 1; j >= 0; j--) { stack.push([starts[j], 0]); }
  while (stack.length) {
    var top = stack.pop(), x = top[0];
    if (seen[x]) { continue; }
    seen[x] = 1;
    out.push([x, top[1]]);
    var kids = S.predAll[x];
    for (var q = kids.length - 1; q >= 0; q--) { if (!seen[kids[q]]) { stack.push([kids[q], top[1] + 1]); } }
  }
  return out;
}
