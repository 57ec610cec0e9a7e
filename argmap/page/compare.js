// Clicking a statement (in a tree or a list) highlights it, its counterpart in the other map
// (solid) and, for a statement without one, where it belongs there (dashed). Only data-*
// attributes are read and only textContent and classes are written: no text becomes HTML.
(function () {
  "use strict";
  var SEP = "\u0000";
  var byKey = new Map();
  var all = document.querySelectorAll("button.stmt[data-id]");
  Array.prototype.forEach.call(all, function (el) {
    var key = el.getAttribute("data-side") + SEP + el.getAttribute("data-id");
    if (!byKey.has(key)) byKey.set(key, []);
    byKey.get(key).push(el);
  });
  var said = document.getElementById("said");
  var marked = [];

  function mark(side, id, cls) {
    if (!id) return null;
    var els = byKey.get(side + SEP + id) || [];
    els.forEach(function (el) { el.classList.add(cls); marked.push([el, cls]); });
    // the copy in the tree, for scrolling to
    return els.filter(function (el) { return el.closest("[data-tree]"); })[0] || null;
  }

  function clear() {
    marked.forEach(function (m) { m[0].classList.remove(m[1]); });
    marked = [];
    said.textContent = "";
  }

  function select(el) {
    clear();
    var side = el.getAttribute("data-side");
    var other = side === "model" ? "student" : "model";
    mark(side, el.getAttribute("data-id"), "hl-self");
    var pair = mark(other, el.getAttribute("data-pair"), "hl-pair");
    var where = mark(other, el.getAttribute("data-where"), "hl-where");
    var target = pair || where;
    if (target && target.scrollIntoView) target.scrollIntoView({ block: "nearest" });
    said.textContent = el.getAttribute("data-say") || "";
  }

  document.addEventListener("click", function (e) {
    var el = e.target.closest ? e.target.closest("button.stmt[data-id]") : null;
    if (el) select(el);
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") clear();
  });
  document.body.setAttribute("data-ready", "");
})();
