/* The evidence matrix view (reasons x evidence, computed in Python) and the Map / Matrix tabs. */

var MAX_ROWS = 300, MAX_COLS = 120;
function buildMatrix() {
  var M = S.matrix;
  if (S.matrixBuilt || !M) { return; }
  S.matrixBuilt = true;
  var table = $("matrix"), KINDS = S.KINDS, ids = S.ids;
  var rows = M.rows, cols = M.cols;
  var colAt = new Int32Array(S.N).fill(-1), rowAt = new Int32Array(S.N).fill(-1);
  var shownCols = cols.slice(0, MAX_COLS), shownRows = rows.slice(0, MAX_ROWS);
  shownCols.forEach(function (x, j) { colAt[x] = j; });
  rows.forEach(function (x, j) { rowAt[x] = j; });
  var byRow = [], rowTotal = new Int32Array(rows.length), colTotal = new Int32Array(S.N);
  M.links.forEach(function (L) {
    var ri = rowAt[L[0]];
    if (ri < 0) { return; }
    rowTotal[ri]++;
    colTotal[L[1]]++;
    if (colAt[L[1]] >= 0) { (byRow[ri] = byRow[ri] || [])[colAt[L[1]]] = L; }
  });
  // a cut matrix (huge or deep maps) lists links for its first rows only: true totals come along
  if (M.counts) { M.counts.forEach(function (c, j) { rowTotal[j] = c; }); }
  var maxStrength = 0;
  M.strength.forEach(function (v) { if (v > maxStrength) { maxStrength = v; } });
  var reasonName = KINDS[1].name, thead = el("thead"), tr = el("tr");
  var corner = el("th", "corner", reasonName + " \u2193  Evidence \u2192");
  corner.setAttribute("scope", "col");
  tr.appendChild(corner);
  shownCols.forEach(function (x) {
    var th = el("th", "col-head");
    th.setAttribute("scope", "col");
    var b = el("button", "col-button", labelOf(x));
    b.type = "button"; b.setAttribute("data-node", ids[x]);
    th.appendChild(b);
    // the confidence word under the rotated name, level, never part of the name's line
    var conf = confName(x);
    if (conf) { th.appendChild(el("span", "badge confidence col-conf", conf)); b.setAttribute("aria-label", labelOf(x) + ", " + conf); }
    tr.appendChild(th);
  });
  tr.appendChild(el("th", "total", "Total"));
  thead.appendChild(tr);
  table.appendChild(thead);
  var tbody = el("tbody");
  shownRows.forEach(function (x, ri) {
    var trr = el("tr", rowTotal[ri] ? "" : "empty-row");
    trr.setAttribute("data-row", ids[x]);
    var th = el("th", "row-head");
    th.setAttribute("scope", "row");
    var b = el("button", "row-button", KINDS[S.kindOf[x]].symbol + " " + labelOf(x));
    b.type = "button"; b.setAttribute("data-node", ids[x]);
    th.appendChild(b);
    var s = M.strength[ri];
    var meter = el("span", "row-strength", rowTotal[ri] ? "strength " + formatStrength(s) : "no evidence");
    meter.style.setProperty("--s", String(maxStrength > 0 ? Math.max(0, Math.min(1, (+s || 0) / maxStrength)) : 0));
    th.appendChild(meter);
    trr.appendChild(th);
    var cells = byRow[ri] || [];
    shownCols.forEach(function (cx, ci) {
      var td = el("td"), L = cells[ci];
      if (L) {
        var lvl = levelName(L[4]);
        var cb = el("button", "cell " + (L[2] ? "cell-direct" : "cell-via"), L[2] ? "\u25cf" : "\u25cb");
        cb.type = "button";
        cb.setAttribute("data-reason", ids[x]); cb.setAttribute("data-evidence", ids[cx]);
        cb.setAttribute("aria-label", labelOf(x) + " rests on " + labelOf(cx) + (L[2] ? " directly" : " through " + L[3].length + " claim(s)") + (lvl ? ", " + lvl : ""));
        cb.title = cb.getAttribute("aria-label");
        if (lvl) { cb.appendChild(el("span", "lvl lvl-" + lvl.replace(/[^a-z]/g, ""), lvl)); }
        td.appendChild(cb);
      }
      trr.appendChild(td);
    });
    trr.appendChild(el("td", "total", String(rowTotal[ri])));
    tbody.appendChild(trr);
  });
  table.appendChild(tbody);
  var tfoot = el("tfoot"), fr = el("tr");
  var fth = el("th", "total", "Total");
  fth.setAttribute("scope", "row");
  fr.appendChild(fth);
  shownCols.forEach(function (cx) { fr.appendChild(el("td", "total", String(colTotal[cx]))); });
  var allLinks = M.links.length;
  if (M.counts) { allLinks = 0; M.counts.forEach(function (c) { allLinks += c; }); }
  fr.appendChild(el("td", "total", String(allLinks)));
  tfoot.appendChild(fr);
  table.appendChild(tfoot);
  if (rows.length > MAX_ROWS || cols.length > MAX_COLS || M.counts) {
    var note = $("matrix-note");
    note.hidden = false;
    note.textContent = "Showing " + shownRows.length + " of " + rows.length + " rows and " + shownCols.length +
      " of " + cols.length + " columns" + (M.counts ? ", each row's nearest evidence (column totals count the links shown; " +
      "`argmap evidence MAP ID` shows one statement's whole tree)" : "") + "; focus on a statement for a smaller map.";
  }
  var scroller = $("matrix-scroll");
  scroller.addEventListener("scroll", matrixCue, { passive: true });
  if (typeof ResizeObserver === "function") { new ResizeObserver(function () { matrixCue(); }).observe(scroller); }
  table.addEventListener("click", function (ev) {
    var cell = ev.target.closest("button.cell");
    if (cell) { showPath(cell.getAttribute("data-reason"), cell.getAttribute("data-evidence")); return; }
    var head = ev.target.closest("button[data-node]");
    if (head) { showView("map"); select(head.getAttribute("data-node"), { camera: true }); }
  });
}

/* The cue for columns out of view: "12 evidence, 6 shown" and which side the rest are on; the
 * scroll area's edges are shaded on the sides that have more (matrix-scroll.more-left/right). */
function matrixCue() {
  var box = $("matrix-scroll"), cue = $("matrix-cue"), table = $("matrix");
  if (!box || !cue || !S.matrixBuilt || box.offsetParent === null) { return null; }
  var heads = table.querySelectorAll("thead th.col-head"), corner = table.querySelector("thead th.corner");
  var view = box.getBoundingClientRect(), from = corner ? corner.getBoundingClientRect().right : view.left;
  var shown = 0, left = 0, right = 0;
  for (var j = 0; j < heads.length; j++) {
    var r = heads[j].getBoundingClientRect(), mid = (r.left + r.right) / 2;
    if (mid < from) { left++; } else if (mid > view.right - (box.offsetWidth - box.clientWidth)) { right++; } else { shown++; }
  }
  var M = S.matrix, total = M.cols.length, kind = total ? S.KINDS[S.kindOf[M.cols[0]]] : null;
  var word = kind ? (total === 1 ? kind.name : kind.plural).toLowerCase() : "columns";
  box.classList.toggle("more-left", left > 0);
  box.classList.toggle("more-right", right > 0);
  cue.hidden = !(left || right);
  cue.textContent = total + " " + word + ", " + shown + " shown" +
    (right ? " \u2013 scroll right for " + right + " more" : "") + (left ? (right ? ", " : " \u2013 ") + "scroll left for " + left + " more" : "");
  doc.body.setAttribute("data-matrix-shown", String(shown));
  return { total: total, shown: shown, left: left, right: right };
}

function showView(name) {
  if (name === "matrix" && !S.matrix) { return S.view; }
  S.view = name;
  var tabMap = $("tab-map"), tabMatrix = $("tab-matrix");
  if (name === "matrix") { buildMatrix(); }
  $("map").hidden = name !== "map";
  if ($("matrix-view")) { $("matrix-view").hidden = name !== "matrix"; }
  tabMap.setAttribute("aria-selected", name === "map" ? "true" : "false");
  tabMap.tabIndex = name === "map" ? 0 : -1;
  if (tabMatrix) { tabMatrix.setAttribute("aria-selected", name === "matrix" ? "true" : "false"); tabMatrix.tabIndex = name === "matrix" ? 0 : -1; }
  doc.body.setAttribute("data-view", name);
  if (name === "map") { S.vis.redraw(); } else { matrixCue(); }
  return S.view;
}

function initMatrix() {
  S.matrixBuilt = false;
  $("tab-map").addEventListener("click", function () { showView("map"); fitMap(); });
  if ($("tab-matrix")) {
    $("tab-matrix").addEventListener("click", function () { showView("matrix"); });
    [$("tab-map"), $("tab-matrix")].forEach(function (tab) {
      tab.addEventListener("keydown", function (ev) {
        if (ev.key === "ArrowRight" || ev.key === "ArrowLeft") {
          ev.preventDefault();
          var to = S.view === "map" ? "matrix" : "map";
          showView(to);
          $(to === "map" ? "tab-map" : "tab-matrix").focus();
        }
      });
    });
  }
}
