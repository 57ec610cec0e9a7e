/* The essay beside the map: each quoted passage marked in its statement's kind colour. */

function buildEssay() {
  var holder = $("essay-text");
  if (!holder || !S.data.essay) { return; }
  var text = S.data.essay.text, marks = S.data.essay.marks.slice(), KINDS = S.KINDS;
  marks.sort(function (a, b) { return a[1] - b[1] || b[2] - a[2] || a[0] - b[0]; });
  var cuts = [0, text.length];
  marks.forEach(function (m) { cuts.push(m[1], m[2]); });
  cuts.sort(function (a, b) { return a - b; });
  var frag = doc.createDocumentFragment(), active = [], next = 0;
  for (var j = 0; j + 1 < cuts.length; j++) {
    var a = cuts[j], b = cuts[j + 1];
    if (a === b) { continue; }
    while (next < marks.length && marks[next][1] <= a) { active.push(marks[next]); next++; }
    active = active.filter(function (m) { return m[2] > a; });
    var piece = text.slice(a, b);
    if (!active.length) { frag.appendChild(doc.createTextNode(piece)); continue; }
    var best = active[0];
    active.forEach(function (m) { if (m[2] - m[1] < best[2] - best[1]) { best = m; } });
    var kind = KINDS[S.kindOf[best[0]]].kind;
    var mk = el("mark", "passage kind-" + kind, piece);
    mk.setAttribute("data-node", S.ids[best[0]]);
    mk.setAttribute("tabindex", "0");
    mk.setAttribute("role", "button");
    mk.title = KINDS[S.kindOf[best[0]]].name + ": " + labelOf(best[0]);
    active.forEach(function (m) { (S.passagesOf[m[0]] = S.passagesOf[m[0]] || []).push(mk); });
    frag.appendChild(mk);
  }
  holder.appendChild(frag);
  holder.addEventListener("click", function (ev) {
    var m = ev.target.closest("mark[data-node]");
    if (m) { select(m.getAttribute("data-node"), { camera: true, noEssayScroll: true }); }
  });
  holder.addEventListener("keydown", function (ev) {
    var m = ev.target.closest("mark[data-node]");
    if (m && (ev.key === "Enter" || ev.key === " ")) {
      ev.preventDefault();
      select(m.getAttribute("data-node"), { camera: true, noEssayScroll: true });
    }
  });
}
/* Mark node x's passages as current (x = -1: none); scroll the essay to the first if asked. */
function markPassages(x, scroll) {
  S.marked.forEach(function (m) { m.classList.remove("current"); });
  S.marked = x >= 0 && S.passagesOf[x] ? S.passagesOf[x] : [];
  S.marked.forEach(function (m) { m.classList.add("current"); });
  if (scroll && S.marked.length) { scrollEssayTo(S.marked[0]); }
}
function scrollEssayTo(m) {
  var box = $("essay-text");
  if (!box || $("essay-panel").hidden) { return; }
  var top = m.offsetTop - box.offsetTop;
  box.scrollTop = Math.max(0, top - box.clientHeight / 3);
}
function showEssay(on) {
  if (!$("essay-panel")) { return false; }
  setPane("essay", !!on, true);
  return !!on;
}
function initEssay() {
  buildEssay();
  if ($("toggle-essay")) {
    $("toggle-essay").addEventListener("click", function () { showEssay($("essay-panel").hidden); });
    doc.body.classList.toggle("essay-open", !$("essay-panel").hidden);
    $("d-essay").addEventListener("click", function () {
      showEssay(true);
      if (S.marked.length) { scrollEssayTo(S.marked[0]); S.marked[0].focus({ preventScroll: true }); }
    });
  }
}
