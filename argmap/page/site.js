// The class index: sort by any column (click or Enter/Space on its heading), filter with the
// search box ("/" focuses it, Escape clears it). Reads only the table's own text and data-sort
// attributes, moves existing rows, and writes text with textContent: nothing is parsed as HTML.
(function () {
  "use strict";
  document.body.classList.remove("no-js");
  var table = document.getElementById("maps");
  var body = table.tBodies[0];
  var heads = table.tHead.rows[0].cells;
  var search = document.getElementById("search");
  var shown = document.getElementById("shown");
  var rows = Array.prototype.slice.call(body.rows);
  var state = { column: -1, dir: 1 };

  function key(row, column, type) {
    var value = row.cells[column].getAttribute("data-sort") || "";
    return type === "number" ? parseFloat(value) : value.toLocaleLowerCase();
  }

  function sortBy(column) {
    var type = heads[column].getAttribute("data-type");
    state.dir = state.column === column ? -state.dir : (type === "number" ? -1 : 1);
    state.column = column;
    var sorted = rows.slice().sort(function (a, b) {
      var x = key(a, column, type), y = key(b, column, type);
      var c = x < y ? -1 : x > y ? 1 : 0;
      // ties keep the input order, so a sort is the same whichever order came before
      return c * state.dir || (+a.getAttribute("data-index")) - (+b.getAttribute("data-index"));
    });
    sorted.forEach(function (row) { body.appendChild(row); });
    for (var i = 0; i < heads.length; i++) {
      if (i === column) heads[i].setAttribute("aria-sort", state.dir > 0 ? "ascending" : "descending");
      else heads[i].removeAttribute("aria-sort");
    }
  }

  Array.prototype.forEach.call(heads, function (th, i) {
    th.querySelector("button").addEventListener("click", function () { sortBy(i); });
  });

  function filter() {
    var words = search.value.toLocaleLowerCase().split(/\s+/).filter(Boolean);
    var count = 0;
    rows.forEach(function (row) {
      var text = row.textContent.toLocaleLowerCase();
      var hit = words.every(function (w) { return text.indexOf(w) >= 0; });
      row.hidden = !hit;
      if (hit) count++;
    });
    shown.textContent = words.length ? count + " of " + rows.length + " shown" : "";
  }

  search.addEventListener("input", filter);
  search.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { search.value = ""; filter(); }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "/" && document.activeElement !== search) { e.preventDefault(); search.focus(); }
  });
  document.body.setAttribute("data-ready", "");
})();
