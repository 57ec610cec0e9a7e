/* The overview: while part of the map is out of view (a map too big to read whole opens at a
 * readable size from its top; any map zoomed in), a small picture of the whole map sits in the map's
 * bottom-right corner with the part in view outlined, so a reader sees how much is left and where;
 * a click or a drag on it moves the view there. It shows what the map shows: hidden statements left
 * out, a trace's dimmed ones faint, the selected one ringed. Its heading folds it away (or the O
 * key), which the page remembers in its address (#overview=0). A map wholly in view has none, and
 * so has a phone: its map is an outline read by scrolling down, and any corner of it holds evidence.
 *
 * It is drawn from the adapter's positions and view after every frame of the map, one path per kind
 * and look on a canvas of about 200 x 140 px: at 10 000 statements 2.5 ms a frame while it is shown,
 * 0.3 ms (the bounds) while the whole map is in view. A map of more than 500
 * statements, whose nodes are not cards, is drawn with each node the size of a card. */
var OVERVIEW_BOX = [200, 140], OVERVIEW_MIN_H = 36;
var OVERVIEW_SLACK_PX = 2;   // a card this little out of view does not call for an overview

function initOverview() {
  var box = $("overview");
  if (!box) { return; }
  S.overview = { open: S.hash.get("overview") !== "0", shown: false, frame: null, dragging: false };
  $("overview-toggle").addEventListener("click", function () { setOverview(!S.overview.open, true); });
  var cv = $("overview-map");
  function move(ev) {
    var f = S.overview.frame, r = cv.getBoundingClientRect();
    if (!f) { return; }
    S.vis.centreOn(f.minX + (ev.clientX - r.left - f.dx) / f.k, f.minY + (ev.clientY - r.top - f.dy) / f.k);
  }
  cv.addEventListener("pointerdown", function (ev) {
    if (ev.button !== 0) { return; }
    ev.preventDefault();
    S.overview.dragging = true;
    try { cv.setPointerCapture(ev.pointerId); } catch (err) { /* a synthetic event: no capture */ }
    move(ev);
  });
  cv.addEventListener("pointermove", function (ev) { if (S.overview.dragging) { move(ev); } });
  function stop() { S.overview.dragging = false; }
  cv.addEventListener("pointerup", stop);
  cv.addEventListener("pointercancel", stop);
  S.vis.onDrawn(drawOverview);
  labelOverview();
}
/* Open or fold the overview; `remember` writes the choice into the URL hash. */
function setOverview(open, remember) {
  if (!S.overview) { return; }
  S.overview.open = !!open;
  if (remember) { S.hash.set("overview", open ? "1" : "0"); writeHash(); }
  labelOverview();
  drawOverview();
}
function labelOverview() {
  var t = $("overview-toggle"), open = S.overview.open;
  t.setAttribute("aria-expanded", open ? "true" : "false");
  t.title = (open ? "Fold the overview" : "Show where the view is on the whole map") + " (O)";
  $("overview-map").hidden = !open;
}
/* Whether the shown cards reach out of the view (`view`, canvas coordinates) by more than a pixel or
 * two on screen. */
function partlyOutOfView(b, view, scale) {
  var slack = OVERVIEW_SLACK_PX / scale;
  return b.minX < view.left - slack || b.maxX > view.right + slack ||
    b.minY < view.top - slack || b.maxY > view.bottom + slack;
}
function drawOverview() {
  var ov = S.overview;
  if (!ov) { return; }
  var box = $("overview"), xy = S.vis.positions(), b = cardBounds(xy), view = S.vis.view();
  var need = S.view === "map" && !phone() && b.maxX > b.minX && partlyOutOfView(b, view, S.vis.scale());
  box.hidden = !need;
  ov.shown = need;
  if (!need) { ov.frame = null; return; }
  placeOverview(box);
  if (!ov.open) { ov.frame = null; return; }
  var bw = b.maxX - b.minX, bh = b.maxY - b.minY, k = Math.min(OVERVIEW_BOX[0] / bw, OVERVIEW_BOX[1] / bh);
  var w = Math.max(1, Math.round(bw * k)), h = Math.max(OVERVIEW_MIN_H, Math.round(bh * k));
  var frame = ov.frame = { minX: b.minX, minY: b.minY, k: k, dx: 0, dy: (h - bh * k) / 2, w: w, h: h };
  var cv = $("overview-map"), ratio = window.devicePixelRatio || 1;
  if (cv.width !== Math.round(w * ratio) || cv.height !== Math.round(h * ratio)) {
    cv.width = Math.round(w * ratio); cv.height = Math.round(h * ratio);
    cv.style.width = w + "px"; cv.style.height = h + "px";
  }
  var ctx = cv.getContext("2d");
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, w, h);
  function px(x) { return frame.dx + (x - frame.minX) * k; }
  function py(y) { return frame.dy + (y - frame.minY) * k; }
  // the cards, each at least a pixel, in their kinds' colours; dimmed ones faint (one path per kind
  // and look: [lit, dimmed] by kind)
  var W = cardWidth(), current = S.current === null ? -1 : S.index.get(S.current);
  var paths = S.KINDS.map(function () { return [null, null]; });
  for (var j = 0; j < S.N; j++) {
    if (S.hiddenN[j]) { continue; }
    var ch = cardHeight(j), look = S.keep && S.dimmed[j] ? 1 : 0, kind = paths[S.kindOf[j]];
    (kind[look] || (kind[look] = new Path2D())).rect(px(xy[2 * j] - W / 2), py(xy[2 * j + 1] - ch / 2),
                                                     Math.max(1, W * k), Math.max(1, ch * k));
  }
  for (j = 0; j < paths.length; j++) {
    ctx.fillStyle = S.KINDS[j].color;
    for (var lk = 0; lk < 2; lk++) {
      if (paths[j][lk]) { ctx.globalAlpha = lk ? 0.25 : 1; ctx.fill(paths[j][lk]); }
    }
  }
  ctx.globalAlpha = 1;
  var ink = S.DARK ? "#ffffff" : "#1a1a1a";
  if (current >= 0 && !S.hiddenN[current]) {
    ctx.strokeStyle = ink; ctx.lineWidth = 1.5;
    ctx.strokeRect(px(xy[2 * current] - W / 2) - 2, py(xy[2 * current + 1] - cardHeight(current) / 2) - 2,
                   W * k + 4, cardHeight(current) * k + 4);
  }
  // the part in view: clear, the rest shaded, its edge drawn (kept inside the picture)
  var l = Math.max(0, px(view.left)), t = Math.max(0, py(view.top));
  var r = Math.min(w, px(view.right)), btm = Math.min(h, py(view.bottom));
  ctx.fillStyle = S.DARK ? "rgba(0,0,0,.45)" : "rgba(0,0,0,.14)";
  ctx.beginPath();
  ctx.rect(0, 0, w, h);
  if (r > l && btm > t) { ctx.rect(l, t, r - l, btm - t); }
  ctx.fill("evenodd");
  if (r > l && btm > t) {
    ctx.strokeStyle = S.DARK ? "#56B4E9" : "#0072B2"; ctx.lineWidth = 2;
    ctx.strokeRect(l + 1, t + 1, Math.max(0, r - l - 2), Math.max(0, btm - t - 2));
  }
  frame.view = [l, t, r, btm];
}
/* Bottom right of the map; raised above the notes where both would not fit side by side, and above
 * the status a page served by `argmap watch` or `serve` keeps in the window's corner (live.js). */
function placeOverview(box) {
  var notes = notesBox(), map = $("map"), area = map.clientWidth;
  var clash = notes.h && notes.w + box.offsetWidth + 12 > area;
  var bottom = 6 + (clash ? notes.h : 0), status = $("live-status");
  if (status && status.offsetHeight) {
    var s = status.getBoundingClientRect(), m = map.getBoundingClientRect();
    if (s.left < m.right && s.right > m.right - box.offsetWidth - 6 && s.top < m.bottom) {
      bottom = Math.max(bottom, m.bottom - s.top + 4);
    }
  }
  box.style.bottom = bottom + "px";
}
/* What the overview shows, for tests and scripts: whether it is shown and open, its size and the
 * outline of the part in view in its CSS px ([left, top, right, bottom]), and the drawing's corner
 * and scale it was drawn at. Drawn for the view as it is now, not as the map's last frame left it
 * (a frame follows a move a moment later). */
function overviewState() {
  var ov = S.overview;
  if (!ov) { return { shown: false, open: false }; }
  drawOverview();
  var f = ov.frame, out = { shown: ov.shown, open: ov.open };
  if (f) { out.width = f.w; out.height = f.h; out.view = f.view.slice(); out.origin = [f.minX, f.minY - f.dy / f.k]; out.scale = f.k; }
  return out;
}
