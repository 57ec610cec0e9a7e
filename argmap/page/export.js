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
function exportPNG() {
  S.vis.redraw();
  var url = S.vis.canvas().toDataURL("image/png");
  download(url, fileBase() + ".png");
  return url;
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
  $("print-button").addEventListener("click", function () { window.print(); });
}
