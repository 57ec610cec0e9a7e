/* argmap page: draws the map from the embedded JSON and traces what rests on what.
 *
 * Safety: map text only ever reaches the document through textContent or vis-network's canvas
 * labels and plain-string tooltips; nothing here builds HTML from data.
 * The trace definitions mirror argmap/analysis.py (tests compare both, node by node).
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("argmap-data").textContent);
  var KINDS = data.kinds, CONF = data.confidences, RELS = data.relations;
  var N = data.nodes.length;
  var ids = new Array(N), index = Object.create(null);
  var kindOf = new Array(N), labelOf = new Array(N), row;
  // adjacency as index lists, split by relation: supports edges drive the trace
  var supIn = [], supOut = [], attIn = [];
  for (var i = 0; i < N; i++) {
    row = data.nodes[i];
    ids[i] = row[0];
    index[row[0]] = i;
    kindOf[i] = row[1];
    labelOf[i] = row[4];
    supIn.push([]); supOut.push([]); attIn.push([]);
  }
  var SUPPORTS = 0;
  for (var e = 0; e < data.edges.length; e++) {
    var ed = data.edges[e];
    if (ed[2] === SUPPORTS) { supOut[ed[0]].push(ed[1]); supIn[ed[1]].push(ed[0]); }
    else { attIn[ed[1]].push(ed[0]); }
  }

  function walk(start, adj) {
    var seen = new Uint8Array(N), order = [], queue = [start], head = 0;
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

  function toIds(list) { return list.map(function (k) { return ids[k]; }); }

  /* What a node rests on, what rests on it and its direct objections (ids, BFS order). */
  function trace(id) {
    var k = index[id];
    if (k === undefined) { throw new Error("no node " + id); }
    return {
      node: id,
      restsOn: toIds(walk(k, supIn)),
      reliedOnBy: toIds(walk(k, supOut)),
      objections: toIds(attIn[k])
    };
  }

  function confidenceOf(row) { return row[6] !== undefined && row[6] >= 0 ? CONF[row[6]].level : null; }

  function tooltip(row) {
    var kind = KINDS[row[1]], parts = [kind.name + ": " + row[5]];
    var conf = confidenceOf(row);
    if (conf) { parts.push("Confidence: " + conf); }
    if (row[7]) { parts.push("Source: " + row[7]); }
    if (row[8]) { parts.push("Essay: \u201c" + row[8] + "\u201d"); }
    return parts.join("\n");
  }

  // one vis group per kind and confidence: styles live in the groups, not in every node
  var groups = {};
  KINDS.forEach(function (kind) {
    [null].concat(CONF).forEach(function (conf) {
      var name = kind.kind + (conf ? ":" + conf.level : "");
      groups[name] = {
        shape: kind.shape,
        color: { background: kind.color, border: "#1a1a1a",
                 highlight: { background: kind.color, border: "#000000" },
                 hover: { background: kind.color, border: "#000000" } },
        font: { color: kind.font, face: "system-ui, sans-serif", size: kind.kind === "thesis" ? 18 : 14,
                multi: false },
        borderWidth: conf && conf.dashes ? Math.max(2, kind.border) : kind.border,
        shapeProperties: { borderDashes: conf ? conf.dashes : false },
        widthConstraint: { maximum: 180 },
        margin: 10
      };
    });
  });

  var visNodes = new Array(N);
  var positioned = data.layout === "layered";
  for (i = 0; i < N; i++) {
    row = data.nodes[i];
    var conf = confidenceOf(row);
    var kind = KINDS[row[1]];
    visNodes[i] = {
      id: row[0],
      label: kind.symbol + " " + row[4] + (conf ? "\n[" + conf + "]" : ""),
      group: kind.kind + (conf ? ":" + conf : ""),
      title: tooltip(row),
      x: positioned ? row[2] : undefined,
      y: positioned ? row[3] : undefined
    };
  }
  var visEdges = data.edges.map(function (ed, k) {
    var rel = RELS[ed[2]];
    return {
      id: k, from: ids[ed[0]], to: ids[ed[1]],
      arrows: { to: { enabled: true, type: rel.arrow } },
      dashes: rel.dashes, width: rel.width,
      color: { color: rel.color, highlight: rel.color, hover: rel.color, opacity: 1 },
      title: rel.relation
    };
  });

  var nodes = new vis.DataSet(visNodes);
  var edges = new vis.DataSet(visEdges);
  var container = document.getElementById("map");
  var options = {
    groups: groups,
    physics: positioned ? { enabled: false } :
      { enabled: true, solver: "forceAtlas2Based", stabilization: { iterations: 200 } },
    layout: { improvedLayout: false },
    edges: { smooth: false, selectionWidth: 1.5 },
    nodes: { chosen: false },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: N > 2000,
                   hideEdgesOnZoom: N > 2000, keyboard: { enabled: true, bindToWindow: false },
                   multiselect: false, navigationButtons: false }
  };
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);

  // -- highlighting ---------------------------------------------------------------------------
  var dimmed = new Uint8Array(N);   // current state, so a click updates only what changes
  var edgeDimmed = new Uint8Array(visEdges.length);
  var current = null;

  function applyHighlight(keep) {
    var nodeUpdates = [], edgeUpdates = [];
    for (var k = 0; k < N; k++) {
      var want = keep && !keep[k] ? 1 : 0;
      if (dimmed[k] !== want) { dimmed[k] = want; nodeUpdates.push({ id: ids[k], opacity: want ? 0.18 : 1 }); }
    }
    for (var m = 0; m < visEdges.length; m++) {
      var ed = data.edges[m];
      var wantE = keep && !(keep[ed[0]] && keep[ed[1]]) ? 1 : 0;
      if (edgeDimmed[m] !== wantE) {
        edgeDimmed[m] = wantE;
        var rel = RELS[ed[2]];
        edgeUpdates.push({ id: m, color: { color: rel.color, highlight: rel.color, hover: rel.color,
                                           opacity: wantE ? 0.1 : 1 } });
      }
    }
    if (nodeUpdates.length) { nodes.update(nodeUpdates); }
    if (edgeUpdates.length) { edges.update(edgeUpdates); }
  }

  function setText(id, text) { document.getElementById(id).textContent = text == null ? "" : String(text); }

  function showOptional(cls, value, setter) {
    var show = value !== undefined && value !== null && value !== "" && !(Array.isArray(value) && !value.length);
    Array.prototype.forEach.call(document.querySelectorAll("." + cls), function (el) { el.hidden = !show; });
    if (show) { setter(value); }
  }

  function fillList(listId, countId, list) {
    var ul = document.getElementById(listId);
    ul.textContent = "";
    setText(countId, "(" + list.length + ")");
    var shown = Math.min(list.length, 500);
    for (var k = 0; k < shown; k++) {
      var r = data.nodes[index[list[k]]];
      var li = document.createElement("li");
      var btn = document.createElement("button");
      btn.type = "button";
      btn.className = "trace-item kind-" + KINDS[r[1]].kind;
      btn.setAttribute("data-node", r[0]);
      var badge = document.createElement("span");
      badge.className = "badge";
      badge.textContent = KINDS[r[1]].symbol + " " + KINDS[r[1]].name;
      btn.appendChild(badge);
      btn.appendChild(document.createTextNode(" " + r[4]));
      var c = confidenceOf(r);
      if (c) {
        var cs = document.createElement("span");
        cs.className = "badge confidence";
        cs.textContent = c;
        btn.appendChild(document.createTextNode(" "));
        btn.appendChild(cs);
      }
      li.appendChild(btn);
      ul.appendChild(li);
    }
    if (list.length > shown) {
      var more = document.createElement("li");
      more.textContent = "\u2026 and " + (list.length - shown) + " more";
      ul.appendChild(more);
    }
  }

  function showDetails(t) {
    var r = data.nodes[index[t.node]];
    var kind = KINDS[r[1]];
    document.getElementById("panel-hint").hidden = true;
    document.getElementById("details").hidden = false;
    setText("d-kind", kind.symbol + " " + kind.name);
    var conf = confidenceOf(r);
    setText("d-confidence", conf || "");
    document.getElementById("d-confidence").hidden = !conf;
    setText("d-label", r[4]);
    setText("d-text", r[5]);
    showOptional("d-source", r[7], function (v) { setText("d-source", v); });
    showOptional("d-quote", r[8], function (v) { setText("d-quote", v); });
    showOptional("d-tags", r[9], function (v) { setText("d-tags", v.join(", ")); });
    showOptional("d-note", r[10], function (v) { setText("d-note", v); });
    fillList("rests-on", "n-rests-on", t.restsOn);
    fillList("relied-on-by", "n-relied-on-by", t.reliedOnBy);
    fillList("objections", "n-objections", t.objections);
  }

  /* Highlight a node's trace; returns the highlighted ids (the node first). */
  function select(id) {
    var t = trace(id);
    var keep = new Uint8Array(N);
    var all = [id].concat(t.restsOn, t.reliedOnBy, t.objections);
    var out = [];
    for (var k = 0; k < all.length; k++) {
      var ix = index[all[k]];
      if (!keep[ix]) { keep[ix] = 1; out.push(all[k]); }
    }
    applyHighlight(keep);
    network.selectNodes([id], false);
    current = id;
    showDetails(t);
    document.body.setAttribute("data-selected", id);
    return out;
  }

  function reset() {
    applyHighlight(null);
    network.unselectAll();
    current = null;
    document.getElementById("details").hidden = true;
    document.getElementById("panel-hint").hidden = false;
    document.body.removeAttribute("data-selected");
  }

  network.on("click", function (params) {
    if (params.nodes.length) { select(params.nodes[0]); } else { reset(); }
  });
  document.getElementById("panel").addEventListener("click", function (ev) {
    var target = ev.target.closest ? ev.target.closest("[data-node]") : null;
    if (target) {
      var id = target.getAttribute("data-node");
      select(id);
      network.focus(id, { scale: Math.max(network.getScale(), 0.8), animation: false });
    }
  });
  document.getElementById("reset").addEventListener("click", reset);
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && current !== null) { reset(); }
  });

  network.once("afterDrawing", function () { document.body.setAttribute("data-drawn", "1"); });
  if (positioned) { network.fit({ animation: false }); }

  window.argmap = {
    network: network, nodes: nodes, edges: edges, data: data,
    select: select, reset: reset, trace: trace,
    selected: function () { return current; }
  };
})();
