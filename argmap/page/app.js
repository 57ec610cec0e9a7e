/* argmap page: draws the map from the embedded JSON and lets a reader explore it.
 *
 * Safety: map text only ever reaches the document through textContent, text nodes, attribute
 * values set with setAttribute, or vis-network's canvas labels and plain-string tooltips; nothing
 * here builds HTML from data or parses markup at all.
 * Analyses come from Python (weak spots, evidence matrix, essay offsets); the trace definitions
 * mirror argmap/analysis.py and the tests compare both, node by node.
 * Speed: every per-node loop is O(n); a change of highlight, filter or focus sends vis-network
 * only the DataSet items whose state changes, in one update call.
 */
(function () {
  "use strict";

  var doc = document;
  var holder = doc.getElementById("argmap-data");

  /* Pages of more than 500 statements carry their data deflated and base64-encoded
   * (writers/html.py); the browser's own DecompressionStream unpacks it, with no request. */
  function unpack(text) {
    var bin = atob(text), bytes = new Uint8Array(bin.length);
    for (var j = 0; j < bin.length; j++) { bytes[j] = bin.charCodeAt(j); }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
    return new Response(stream).text();
  }
  function fail(why) {
    var note = doc.createElement("p");
    note.className = "load-error";
    note.setAttribute("role", "alert");
    note.textContent = "This page could not unpack its map: " + why +
      ". Open it in a current browser (Chrome 80, Firefox 113, Safari 16.4 or later), or run argmap outline for a text version.";
    doc.body.insertBefore(note, doc.body.firstChild);
  }
  if (holder.getAttribute("data-encoding") === "deflate-base64") {
    if (typeof DecompressionStream !== "function") { fail("this browser has no DecompressionStream"); return; }
    unpack(holder.textContent).then(function (text) { return JSON.parse(text); }).then(function (data) {
      setTimeout(function () { start(data); }, 0);  // a bug in start() is an ordinary page error, not a rejection
    }, function (err) { fail(String(err && err.message || err)); });
  } else {
    start(JSON.parse(holder.textContent));
  }

  function start(data) {
    doc.body.classList.remove("no-js");
    var KINDS = data.kinds, CONF = data.confidences, RELS = data.relations;
    var N = data.nodes.length, E = data.edges.length;
    var DARK = data.theme === "dark";
    var ids = new Array(N), index = Object.create(null);
    var kindOf = new Uint8Array(N), confOf = new Int8Array(N);
    var supIn = [], supOut = [], attIn = [];
    var i, k, row;
    for (i = 0; i < N; i++) {
      row = data.nodes[i];
      ids[i] = row[0];
      index[row[0]] = i;
      kindOf[i] = row[1];
      confOf[i] = row[6] === undefined ? -1 : row[6];
      supIn.push([]); supOut.push([]); attIn.push([]);
    }
    var SUPPORTS = 0;
    var edgeFrom = new Int32Array(E), edgeTo = new Int32Array(E), edgeRel = new Uint8Array(E);
    for (var e = 0; e < E; e++) {
      var ed = data.edges[e];
      edgeFrom[e] = ed[0]; edgeTo[e] = ed[1]; edgeRel[e] = ed[2];
      if (ed[2] === SUPPORTS) { supOut[ed[0]].push(ed[1]); supIn[ed[1]].push(ed[0]); }
      else { attIn[ed[1]].push(ed[0]); }
    }

    function $(id) { return doc.getElementById(id); }
    function el(tag, cls, text) {
      var node = doc.createElement(tag);
      if (cls) { node.className = cls; }
      if (text !== undefined && text !== null) { node.textContent = String(text); }
      return node;
    }
    function setText(id, text) { var n = $(id); if (n) { n.textContent = text == null ? "" : String(text); } }
    /* model.shorten: one line, cut at a word boundary to at most 48 characters (code points). */
    function shorten(text, width) {
      var t = String(text).split(/[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/).filter(Boolean).join(" ");
      var chars = Array.from(t);
      if (chars.length <= width) { return t; }
      var cut = chars.slice(0, width - 1).join("");
      var space = Array.from(cut).lastIndexOf(" ");
      if (space > Math.floor(width / 2)) { cut = Array.from(cut).slice(0, space).join(""); }
      return cut.replace(/[ ,;:.\-]+$/, "") + "\u2026";
    }
    var labels = new Array(N);
    function labelOf(k) {
      if (labels[k] === undefined) { var r = data.nodes[k]; labels[k] = r[4] ? r[4] : shorten(r[5], 48); }
      return labels[k];
    }
    function textOf(k) { return data.nodes[k][5]; }
    function confName(k) { return confOf[k] >= 0 ? CONF[confOf[k]].level : null; }
    function levelName(v) {
      if (typeof v === "number") { return v >= 0 && v < CONF.length && v === Math.floor(v) ? CONF[v].level : (v < 0 ? "" : String(v)); }
      return v == null ? "" : String(v);
    }

    // -- traces (mirror argmap/analysis.py) --------------------------------------------------------
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
    function toIds(list) { return list.map(function (x) { return ids[x]; }); }
    function nodeIndex(id) {
      var x = index[id];
      if (x === undefined) { throw new Error("no node " + id); }
      return x;
    }
    /* What a node rests on, what rests on it and its direct objections (ids, BFS order). */
    function trace(id) {
      var x = nodeIndex(id);
      return { node: id, restsOn: toIds(walk(x, supIn)), reliedOnBy: toIds(walk(x, supOut)),
               objections: toIds(attIn[x]) };
    }

    // -- weak spots, matrix, strength (computed in Python) -----------------------------------------
    var CHECKS = data.checks.items.map(function (c) { return [c[0], c[1], c[2], c[3], data.checks.hints[c[4]]]; });
    var weakOf = [];          // node index -> finding indexes
    var weakCount = new Uint16Array(N);
    CHECKS.forEach(function (c, j) {
      if (c[0] >= 0) { (weakOf[c[0]] = weakOf[c[0]] || []).push(j); weakCount[c[0]]++; }
    });
    var MATRIX = data.matrix;
    var strengthOf = Object.create(null);
    if (MATRIX) { MATRIX.rows.forEach(function (r, j) { strengthOf[r] = MATRIX.strength[j]; }); }

    // -- highlight and visibility state ---------------------------------------------------------------------------
    var dimmed = new Uint8Array(N), edgeDimmed = new Uint8Array(E);
    var hiddenN = new Uint8Array(N), hiddenE = new Uint8Array(E);
    var keep = null;          // Uint8Array of the highlighted nodes, or null
    var current = null;       // selected id

    // -- vis-network -------------------------------------------------------------------------------
    function tooltip(k) {
      var r = data.nodes[k], kind = KINDS[r[1]], parts = [kind.name + ": " + r[5]];
      var conf = confName(k);
      if (conf) { parts.push("Confidence: " + conf); }
      if (r[7]) { parts.push("Source: " + r[7]); }
      if (r[8]) { parts.push("Essay: \u201c" + r[8] + "\u201d"); }
      (weakOf[k] || []).forEach(function (j) { parts.push("\u26a0 " + CHECKS[j][1] + " " + CHECKS[j][3]); });
      return parts.join("\n");
    }
    function visLabel(k) {
      var conf = confName(k), kind = KINDS[kindOf[k]];
      return kind.symbol + " " + labelOf(k) + (conf ? "\n[" + conf + "]" : "") +
        (weakCount[k] ? "\n\u26a0 weak spot" + (weakCount[k] > 1 ? " \u00d7" + weakCount[k] : "") : "");
    }
    // one vis group per kind and confidence: styles live in the groups, not in every node
    var groups = {};
    KINDS.forEach(function (kind) {
      [null].concat(CONF).forEach(function (conf) {
        var name = kind.kind + (conf ? ":" + conf.level : "");
        var border = DARK ? "#e0e0e0" : "#1a1a1a";
        groups[name] = {
          shape: kind.shape,
          color: { background: kind.color, border: border,
                   highlight: { background: kind.color, border: DARK ? "#ffffff" : "#000000" },
                   hover: { background: kind.color, border: DARK ? "#ffffff" : "#000000" } },
          font: { color: kind.font, face: "system-ui, sans-serif", size: kind.kind === "thesis" ? 18 : 14,
                  multi: false },
          borderWidth: conf && conf.dashes ? Math.max(2, kind.border) : kind.border,
          borderWidthSelected: 4,
          shapeProperties: { borderDashes: conf ? conf.dashes : false },
          widthConstraint: { maximum: 180 },
          margin: 10
        };
      });
    });
    function relColor(rel) { return DARK && rel.relation === "supports" ? "#a8a8a8" : rel.color; }

    var positioned = data.layout === "layered";
    var home = null;   // the layout's own positions: Float64Array pairs (layered now, force after settling)
    var visNodes = new Array(N);
    for (k = 0; k < N; k++) {
      row = data.nodes[k];
      visNodes[k] = { id: row[0], label: visLabel(k), group: KINDS[row[1]].kind + (confOf[k] >= 0 ? ":" + confName(k) : ""),
                      title: tooltip(k) };
      if (positioned) { visNodes[k].x = row[2]; visNodes[k].y = row[3]; }
    }
    if (positioned) {
      home = new Float64Array(2 * N);
      for (k = 0; k < N; k++) { home[2 * k] = data.nodes[k][2]; home[2 * k + 1] = data.nodes[k][3]; }
    }
    var visEdges = new Array(E);
    for (e = 0; e < E; e++) {
      var rel = RELS[edgeRel[e]], c = relColor(rel);
      // the first relation's look (supports: most edges) is the network-wide default, not an own option
      visEdges[e] = edgeRel[e] === SUPPORTS ? { id: e, from: ids[edgeFrom[e]], to: ids[edgeTo[e]], title: rel.relation } :
        { id: e, from: ids[edgeFrom[e]], to: ids[edgeTo[e]],
          arrows: { to: { enabled: true, type: rel.arrow } }, dashes: rel.dashes, width: rel.width,
          color: { color: c, highlight: c, hover: c }, title: rel.relation };
    }
    var supportLook = RELS[SUPPORTS], supportColor = relColor(supportLook);

    var nodes = new vis.DataSet(visNodes);
    var edges = new vis.DataSet(visEdges);
    var container = $("map");
    var options = {
      groups: groups,
      physics: positioned ? { enabled: false } :
        { enabled: true, solver: "forceAtlas2Based", stabilization: { iterations: 200, updateInterval: 50 } },
      layout: { improvedLayout: false },
      edges: { smooth: false, selectionWidth: 1.5, arrows: { to: { enabled: true, type: supportLook.arrow } },
               dashes: supportLook.dashes, width: supportLook.width,
               color: { color: supportColor, highlight: supportColor, hover: supportColor } },
      nodes: { chosen: false },
      interaction: { hover: N <= 5000, tooltipDelay: 150, hideEdgesOnDrag: N > 2000,
                     hideEdgesOnZoom: N > 2000, keyboard: { enabled: true, bindToWindow: false },
                     multiselect: false, navigationButtons: false, zoomView: true }
    };
    /* A big map gets its data after the page has set up its own drawing and view (see the level of
     * detail below): given the data at once, vis-network fits the view itself, which first measures
     * every label and draws once at scale 1 (over a second at 10 000 nodes). */
    var BIG = data.big === true, deferData = BIG && positioned;
    var network = new vis.Network(container, deferData ? {} : { nodes: nodes, edges: edges }, options);
    /* Several DataSet updates, one redraw: with physics off vis-network redraws synchronously after
     * every update call (~0.2 s at 10 000 nodes); block that and ask for one redraw on the next frame.
     * A frame vis-network had already asked for (a click's own selection) is that frame: asking
     * again after `_allowRedraw` (which forgets the pending request) would draw twice in one frame. */
    var batching = 0, framePending = false;
    function batch(fn) {
      if (batching++ === 0) {
        framePending = !!(network.renderer && network.renderer.redrawRequested === true && network.renderer.allowRedraw === true);
        network.body.emitter.emit("_blockRedraw");
      }
      try { return fn(); } finally {
        if (--batching === 0) {
          network.body.emitter.emit("_allowRedraw");
          if (framePending) { network.renderer.redrawRequested = true; } else { network.body.emitter.emit("_requestRedraw"); }
        }
      }
    }
    if (!positioned) {
      network.once("stabilizationIterationsDone", function () {
        network.setOptions({ physics: { enabled: false } });   // settle once: filters never move it
      });
    }
    function homePositions() {
      if (!home) {
        var pos = network.getPositions();
        home = new Float64Array(2 * N);
        for (var j = 0; j < N; j++) { var p = pos[ids[j]]; if (p) { home[2 * j] = p.x; home[2 * j + 1] = p.y; } }
      }
      return home;
    }

    // page background painted into the canvas, so an exported PNG is not transparent
    var BG = DARK ? "#15171a" : "#ffffff";
    network.on("beforeDrawing", function (ctx) {
      ctx.save(); ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.fillStyle = BG; ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
      ctx.restore();
    });
    /* Level of detail for big maps. Zoomed out on thousands of nodes, vis-network's own drawing
     * costs seconds a frame (each node strokes a border of borderWidth / scale canvas units, each edge
     * its dashes and arrow head) for shapes a few pixels wide whose labels it does not draw anyway.
     * Below LOD_SCALE the page draws the same picture in a handful of canvas calls instead: the edges
     * as one plain path per relation and state, the nodes as one path of boxes per kind and state,
     * in the kind's colour, dimmed and hidden exactly as vis-network would. Zoomed in (labels
     * readable) vis-network draws as usual, only the nodes in view.
     *
     * Layers: a click changes which few nodes are highlighted, not the map under them. So the whole
     * map drawn dimmed (and drawn highlighted, for "nothing selected") is kept as a bitmap per view,
     * painted in spare time; a frame then is one bitmap plus the highlighted few drawn over it, in the
     * same order as drawing everything (dimmed edges, highlighted edges, dimmed nodes, highlighted
     * nodes). Each node's box is the default one until vis-network has measured every label (in
     * spare time, after the first frame), then every measured box at once: one change of picture. */
    var LOD_SCALE = 0.3;           // 14 px labels are under 5 px here: vis-network stops drawing them
    var LOD_W = 180, LOD_H = 44;   // a node's box before vis-network has measured its label
    var renderer = network.renderer;
    var lodReady = BIG && renderer && typeof renderer._drawNodes === "function" &&
      typeof renderer._drawEdges === "function" && typeof renderer._drawArrows === "function" &&
      network.body && network.body.nodes && network.body.nodeIndices && network.body.edgeIndices;
    function lod() { return lodReady && network.getScale() < LOD_SCALE; }
    var kindColor = KINDS.map(function (kd) { return kd.color; });
    var edgeColor = RELS.map(function (r) { return relColor(r); });
    var lodW = new Float32Array(N), lodH = new Float32Array(N);
    for (k = 0; k < N; k++) { lodW[k] = LOD_W; lodH[k] = LOD_H; }
    var geometry = 0;         // bumped whenever boxes, positions or what is shown change
    var litCount = N;         // nodes drawn highlighted (see applyHighlight)

    /* Spare-time work (label measuring, layers, vis-network's opacities, the weak-spot list): run
     * in idle periods, so none of it sits between a click and its frame. A chore takes the idle
     * deadline and returns true while it has more to do. */
    var idle = typeof window.requestIdleCallback === "function" ? function (fn) { window.requestIdleCallback(fn); } :
      function (fn) { setTimeout(function () { var t0 = Date.now(); fn({ timeRemaining: function () { return Math.max(0, 10 - (Date.now() - t0)); } }); }, 20); };
    var chores = [], pumping = false;
    function chore(fn, first) {
      var at = chores.indexOf(fn);
      if (at >= 0 && first) { chores.splice(at, 1); at = -1; }
      if (at < 0) { if (first) { chores.unshift(fn); } else { chores.push(fn); } }
      pump();
    }
    function pump() { if (!pumping && chores.length) { pumping = true; idle(runChores); } }
    function runChores(deadline) {
      pumping = false;
      var list = chores.slice();
      for (var j = 0; j < list.length && deadline.timeRemaining() > 1; j++) {
        if (!list[j](deadline)) { var at = chores.indexOf(list[j]); if (at >= 0) { chores.splice(at, 1); } }
      }
      pump();
    }

    // `look`: 0 dimmed, 1 highlighted; `only`: draw only the items in that state (0 or 1), or all (-1)
    function strokeEdges(ctx, look, only) {
      var live = network.body.edges, list = network.body.edgeIndices, scale = network.getScale();
      var paths = [], j, m, ed;
      for (j = 0; j < list.length; j++) {
        ed = live[list[j]];
        if (!ed || ed.connected !== true || !ed.from || !ed.to || ed.options.hidden || ed.from.options.hidden || ed.to.options.hidden) { continue; }
        m = +ed.id;
        if (only >= 0 && edgeDimmed[m] === only) { continue; }
        var path = paths[edgeRel[m]] || (paths[edgeRel[m]] = new Path2D());
        path.moveTo(ed.from.x, ed.from.y); path.lineTo(ed.to.x, ed.to.y);
      }
      ctx.save();
      ctx.globalAlpha = look ? 1 : EDGE_DIM;
      ctx.lineWidth = 0;
      for (var rel = 0; rel < RELS.length; rel++) {
        if (!paths[rel]) { continue; }
        ctx.strokeStyle = edgeColor[rel];
        ctx.lineWidth = Math.max(RELS[rel].width, 0.75 / scale);
        ctx.stroke(paths[rel]);
      }
      ctx.restore();
    }
    function fillNodes(ctx, look, only) {
      var live = network.body.nodes, list = network.body.nodeIndices, scale = network.getScale();
      var paths = [], badges = null, r = Math.max(9, 2.5 / scale), j, node, x, w, h;
      for (j = 0; j < list.length; j++) {
        node = live[list[j]];
        if (!node || node.options.hidden) { continue; }
        x = index[node.id];
        if (x === undefined || (only >= 0 && dimmed[x] === only)) { continue; }
        w = lodW[x]; h = lodH[x];
        var path = paths[kindOf[x]] || (paths[kindOf[x]] = new Path2D());
        path.rect(node.x - w / 2, node.y - h / 2, w, h);
        if (weakCount[x]) { (badges || (badges = new Path2D())).rect(node.x + w / 2 - r, node.y - h / 2 - r, 2 * r, 2 * r); }
      }
      ctx.save();
      for (j = 0; j < KINDS.length; j++) {
        if (!paths[j]) { continue; }
        ctx.globalAlpha = look ? 1 : DIM;
        ctx.fillStyle = kindColor[j];
        ctx.fill(paths[j]);
        ctx.lineWidth = 0.75 / scale; ctx.strokeStyle = DARK ? "#e0e0e0" : "#1a1a1a";
        ctx.globalAlpha *= 0.6;
        ctx.stroke(paths[j]);
      }
      if (badges) {
        ctx.globalAlpha = look ? 1 : 0.25;
        ctx.fillStyle = "#F0E442"; ctx.fill(badges);
        ctx.lineWidth = 1 / scale; ctx.strokeStyle = "#1a1a1a"; ctx.stroke(badges);
      }
      ctx.restore();
    }
    function strokeSelected(ctx) {
      var live = network.body.nodes, sel = network.getSelectedNodes(), scale = network.getScale();
      ctx.save();
      ctx.globalAlpha = 1;
      ctx.strokeStyle = DARK ? "#ffffff" : "#000000";
      ctx.lineWidth = 3 / scale;
      for (var j = 0; j < sel.length; j++) {
        var node = live[sel[j]], x = index[sel[j]];
        if (!node || node.options.hidden || x === undefined) { continue; }
        ctx.strokeRect(node.x - lodW[x] / 2, node.y - lodH[x] / 2, lodW[x], lodH[x]);
      }
      ctx.restore();
    }

    /* This frame's view and map, as a key for the layers; and how the frame is drawn: "lit" (nothing
     * highlighted: the highlighted layer alone), "dim" (the dimmed layer, the highlighted few over
     * it) or null (draw everything: while the view moves, or when most of the map is highlighted). */
    var frame = null;
    function frameOf(ctx) {
      var t = ctx.getTransform(), c = ctx.canvas, live = network.body.nodes, list = network.body.nodeIndices, sx = 0, sy = 0;
      for (var j = 0; j < list.length; j++) { var nd = live[list[j]]; if (nd) { sx += nd.x; sy += nd.y * ((j & 7) + 1); } }
      var key = [t.a, t.b, t.c, t.d, t.e, t.f, c.width, c.height, geometry, list.length, network.body.edgeIndices.length, sx, sy].join(" ");
      var moving = renderer.dragging || renderer.zooming;
      var mode = moving ? null : (!keep ? "lit" : (litCount * 2 < N ? "dim" : null));
      return { key: key, transform: t, width: c.width, height: c.height, mode: mode };
    }
    var layers = {};
    function layer(name, fr, draw) {
      var L = layers[name];
      if (!L) { var cv = doc.createElement("canvas"); L = layers[name] = { canvas: cv, ctx: cv.getContext("2d"), key: null }; }
      if (L.key !== fr.key) {
        if (L.canvas.width !== fr.width || L.canvas.height !== fr.height) { L.canvas.width = fr.width; L.canvas.height = fr.height; }
        else { L.ctx.setTransform(1, 0, 0, 1, 0, 0); L.ctx.clearRect(0, 0, fr.width, fr.height); }
        L.ctx.setTransform(fr.transform);
        draw(L.ctx);
        L.key = fr.key;
      }
      return L.canvas;
    }
    var LAYERS = {
      "edges-dim": function (c) { strokeEdges(c, 0, -1); }, "nodes-dim": function (c) { fillNodes(c, 0, -1); },
      "edges-lit": function (c) { strokeEdges(c, 1, -1); }, "nodes-lit": function (c) { fillNodes(c, 1, -1); }
    };
    function blit(ctx, canvas) {
      ctx.save(); ctx.setTransform(1, 0, 0, 1, 0, 0); ctx.globalAlpha = 1; ctx.drawImage(canvas, 0, 0); ctx.restore();
    }
    function drawEdgesLOD(ctx) {
      var fr = frame || frameOf(ctx);
      if (fr.mode) {
        blit(ctx, layer("edges-" + fr.mode, fr, LAYERS["edges-" + fr.mode]));
        if (fr.mode === "dim") { strokeEdges(ctx, 1, 1); }
      } else { strokeEdges(ctx, 0, 0); strokeEdges(ctx, 1, 1); }
    }
    function drawNodesLOD(ctx) {
      var fr = frame || frameOf(ctx);
      if (fr.mode) {
        blit(ctx, layer("nodes-" + fr.mode, fr, LAYERS["nodes-" + fr.mode]));
        if (fr.mode === "dim") { fillNodes(ctx, 1, 1); }
      } else { fillNodes(ctx, 0, 0); fillNodes(ctx, 1, 1); }
      strokeSelected(ctx);
      return { drawExternalLabels: null };
    }
    /* In spare time, the layers the next click (or reset) will want for the view on screen. */
    function buildLayers(deadline) {
      if (!frame || !lod()) { return false; }
      var want = keep ? ["edges-lit", "nodes-lit", "edges-dim", "nodes-dim"] : ["edges-dim", "nodes-dim", "edges-lit", "nodes-lit"];
      for (var j = 0; j < want.length; j++) {
        var L = layers[want[j]];
        if (L && L.key === frame.key) { continue; }
        if (deadline.timeRemaining() < 20) { return true; }
        var cv = layer(want[j], frame, LAYERS[want[j]]);
        cv.getContext("2d").getImageData(0, 0, 1, 1);   // paint it now, not in the frame that shows it
      }
      return false;
    }
    if (lodReady) {
      var visDrawNodes = renderer._drawNodes, visDrawEdges = renderer._drawEdges, visDrawArrows = renderer._drawArrows;
      renderer._drawEdges = function (ctx) { return lod() ? drawEdgesLOD(ctx) : visDrawEdges.apply(this, arguments); };
      renderer._drawArrows = function () { return lod() ? undefined : visDrawArrows.apply(this, arguments); };
      renderer._drawNodes = function (ctx, always) { return lod() && !always ? drawNodesLOD(ctx) : visDrawNodes.apply(this, arguments); };
      network.on("beforeDrawing", function (ctx) {
        frame = null;
        if (lod()) { frame = frameOf(ctx); }
        else if (visStale) { syncVis(null); }   // zoomed in: vis-network draws, so it gets the opacities first
      });
      // before the labels are measured too: the boxes change only when the last one is done
      network.on("afterDrawing", function () { if (frame) { chore(buildLayers, true); } });
    }
    /* The node under a canvas point when vis-network cannot tell (it has not measured that node's box
     * yet): the nearest shown node whose LOD box contains the point. */
    function nodeAtPoint(pt) {
      if (!pt) { return null; }
      var live = network.body.nodes, list = network.body.nodeIndices, best = null, bestD = Infinity;
      for (var j = 0; j < list.length; j++) {
        var node = live[list[j]], x = node ? index[node.id] : undefined;
        if (x === undefined || node.options.hidden) { continue; }
        var dx = Math.abs(pt.x - node.x), dy = Math.abs(pt.y - node.y);
        if (dx <= lodW[x] / 2 && dy <= lodH[x] / 2 && dx + dy < bestD) { bestD = dx + dy; best = node.id; }
      }
      return best;
    }
    function clickedNode(params) {
      if (params.nodes.length) { return params.nodes[0]; }
      return lodReady ? nodeAtPoint(params.pointer && params.pointer.canvas) : null;
    }
    /* vis-network measures every label the first time it fits the view or draws all nodes; a big map
     * is measured in spare time after the first frame instead, so clicks and tooltips find every
     * node; the zoomed-out frame takes all the measured boxes at once when the last one is done. */
    var measureAt = 0;
    function measureSlice(deadline) {
      var live = network.body.nodes, ctx = network.canvas.getContext();
      while (measureAt < N && deadline.timeRemaining() > 2) {
        for (var end = Math.min(N, measureAt + 50); measureAt < end; measureAt++) {
          var node = live[ids[measureAt]];
          if (node && !(node.shape && node.shape.width > 0)) { node.updateBoundingBox(ctx, node.selected); }
        }
      }
      if (measureAt < N) { return true; }
      for (var j = 0; j < N; j++) {
        var sh = live[ids[j]] && live[ids[j]].shape;
        if (sh && sh.width > 0 && sh.height > 0) { lodW[j] = sh.width; lodH[j] = sh.height; }
      }
      geometry++;
      if (lod()) { network.body.emitter.emit("_requestRedraw"); }
      return false;
    }

    // weak-spot badges: a yellow "!" disc at the node's top right corner (the LOD frame draws its own)
    var weakNodes = [];
    for (k = 0; k < N; k++) { if (weakCount[k]) { weakNodes.push(k); } }
    network.on("afterDrawing", function (ctx) {
      if (lod()) { return; }
      var view = BIG ? viewArea() : null;
      for (var j = 0; j < weakNodes.length; j++) {
        var w = weakNodes[j];
        if (hiddenN[w]) { continue; }
        var box = network.getBoundingBox(ids[w]);
        if (!box) { continue; }
        if (view && (box.right < view.left || box.left > view.right || box.bottom < view.top || box.top > view.bottom)) { continue; }
        ctx.save();
        ctx.globalAlpha = dimmed[w] ? 0.25 : 1;
        ctx.beginPath(); ctx.arc(box.right, box.top, 9, 0, 2 * Math.PI);
        ctx.fillStyle = "#F0E442"; ctx.fill(); ctx.lineWidth = 2; ctx.strokeStyle = "#1a1a1a"; ctx.stroke();
        ctx.fillStyle = "#1a1a1a"; ctx.font = "bold 13px system-ui, sans-serif";
        ctx.textAlign = "center"; ctx.textBaseline = "middle"; ctx.fillText("!", box.right, box.top + 1);
        ctx.restore();
      }
    });
    function viewArea() {
      var c = container.querySelector("canvas"), a = network.DOMtoCanvas({ x: -20, y: -20 });
      var b = network.DOMtoCanvas({ x: (c ? c.clientWidth : 0) + 20, y: (c ? c.clientHeight : 0) + 20 });
      return { left: a.x, top: a.y, right: b.x, bottom: b.y };
    }
    /* The whole map in view without vis-network's fit, which measures every label first (a third of a
     * second at 10 000 nodes): the bounds come from the positions, with a node's usual box around each. */
    function fitAll() {
      var c = container.querySelector("canvas"), w = c ? c.clientWidth : 0, h = c ? c.clientHeight : 0;
      if (!BIG || !w || !h) { network.fit({ animation: false }); return; }
      var live = network.body.nodes, list = network.body.nodeIndices, j, x, y;
      var minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
      function add(px, py) {
        if (px < minX) { minX = px; } if (px > maxX) { maxX = px; }
        if (py < minY) { minY = py; } if (py > maxY) { maxY = py; }
      }
      if (list.length) {
        for (j = 0; j < list.length; j++) { var node = live[list[j]]; if (node) { add(node.x, node.y); } }
      } else if (home) {   // before the data reaches vis-network: the layout's positions
        for (j = 0; j < N; j++) { x = home[2 * j]; y = home[2 * j + 1]; add(x, y); }
      }
      if (minX > maxX) { network.fit({ animation: false }); return; }
      minX -= LOD_W / 2; maxX += LOD_W / 2; minY -= LOD_H / 2; maxY += LOD_H / 2;
      var scale = Math.min(w / (1.1 * (maxX - minX)), h / (1.1 * (maxY - minY)));
      network.moveTo({ position: { x: (minX + maxX) / 2, y: (minY + maxY) / 2 }, scale: scale, animation: false });
    }
    /* The deferred data: the view is already fitted and the level of detail in place, and vis-network's
     * own fit on new data is held back for the call (its listeners are put back afterwards). */
    function loadData() {
      var em = network.body.emitter, emit = em.emit;
      em.emit = function (name) { return name === "fit" ? undefined : emit.apply(this, arguments); };
      try { network.setData({ nodes: nodes, edges: edges }); } finally { em.emit = emit; }
    }

    /* Apply DataSet changes without vis-network's whole-map pass. A public `DataSet.update` makes
     * vis-network re-run its data pass over every node (value ranges, which re-measures every label
     * on the next draw: ~2 s at 10 000 nodes, whatever the number of changed items). Here the
     * DataSet still receives every change (it stays the source of truth, for scripts and tests), but
     * with the network's own listener detached, and the few changed vis items get the same
     * `setOptions` call that listener would make. Falls back to the plain update if vis-network's
     * internals (9.1.2, pinned through pyvis) ever look different. */
    function quietUpdate(set, items, isNodes, noRedraw) {
      if (!items.length) { return; }
      var handler = isNodes ? network.nodesHandler : network.edgesHandler;
      var listeners = handler && (isNodes ? handler.nodesListeners : handler.edgesListeners);
      var live = isNodes ? network.body.nodes : network.body.edges;
      if (!listeners || typeof listeners.update !== "function" || !live || typeof network._updateVisibleIndices !== "function") {
        set.update(items);
        return;
      }
      set.off("update", listeners.update);
      try { set.update(items); } finally { set.on("update", listeners.update); }
      var visibility = false, moves = false;
      for (var j = 0; j < items.length; j++) {
        var item = items[j], target = live[item.id], change = {};
        for (var key in item) { if (key !== "id") { change[key] = item[key]; } }
        if ("hidden" in change) { visibility = true; }
        if ("x" in change || "y" in change) { moves = true; }
        if (target) { target.setOptions(change); }
      }
      if (visibility) { network._updateVisibleIndices(); }
      if (visibility || moves) { geometry++; }
      if (!noRedraw) { network.body.emitter.emit("_requestRedraw"); }
    }

    /* Dimming without touching every node: vis-network node and edge options inherit from the
     * network-wide options through the prototype chain, so the page sets the network-wide opacity
     * (DIM while something is highlighted) and writes an own `opacity` into the DataSet only for the
     * items that must differ from it (the highlighted ones) or that carry a stale own value.
     * A click at 10 000 nodes then updates tens of DataSet items, not 10 000.
     *
     * Zoomed out on a big map the page draws from its own arrays (`dimmed`, `edgeDimmed`), so a
     * click does not wait for vis-network at all: the DataSets and vis-network's items get their
     * opacities in spare time afterwards, and at the latest before vis-network draws again
     * (zooming in) or when a script asks (`argmap.sync()`). `argmap.opacity(id)` always tells what
     * the map shows. */
    var DIM = 0.18, EDGE_DIM = 0.1;
    var visN = new Float32Array(N), visE = new Float32Array(E);   // own values in the DataSets; 0 = inherits
    var wantG = 1, wantGE = 1;       // the network-wide values the highlight wants
    var visStale = false, syncNodesAt = 0, syncEdgesAt = 0;
    function applyHighlight(mask) {
      keep = mask;
      var lit = N, litE = E, q;
      if (mask) {
        lit = 0; litE = 0;
        for (q = 0; q < N; q++) { lit += mask[q]; dimmed[q] = mask[q] ? 0 : 1; }
        for (q = 0; q < E; q++) { var on = mask[edgeFrom[q]] & mask[edgeTo[q]]; litE += on; edgeDimmed[q] = on ? 0 : 1; }
      } else { dimmed.fill(0); edgeDimmed.fill(0); }
      litCount = lit;
      // the network-wide value is whatever most items need, so few items carry an own value
      wantG = mask && lit * 2 < N ? DIM : 1; wantGE = mask && litE * 2 < E ? EDGE_DIM : 1;
      visStale = true; syncNodesAt = 0; syncEdgesAt = 0;
      if (lod()) { chore(syncVis); } else { syncVis(null); }
      network.body.emitter.emit("_requestRedraw");
      if (filters.connected) { refreshVisibility(); }
    }
    /* Bring the DataSets and vis-network's items up to the highlight: everything now (deadline
     * null), or as much as an idle period allows (returns true while some is left). */
    function syncVis(deadline) {
      if (!visStale) { return false; }
      if (syncNodesAt === 0 && syncEdgesAt === 0) {
        network.nodesHandler.options.opacity = wantG;
        network.edgesHandler.options.color.opacity = wantGE;
      }
      var nodeUpdates = [], edgeUpdates = [], STEP = 64;
      while (syncNodesAt < N && (!deadline || deadline.timeRemaining() > 2)) {
        for (var end = Math.min(N, syncNodesAt + STEP); syncNodesAt < end; syncNodesAt++) {
          var j = syncNodesAt, want = dimmed[j] ? DIM : 1;
          if (visN[j] ? visN[j] !== want : want !== wantG) { visN[j] = want; nodeUpdates.push({ id: ids[j], opacity: want }); }
        }
        if (deadline) { quietUpdate(nodes, nodeUpdates, true, true); nodeUpdates = []; }
      }
      while (syncNodesAt >= N && syncEdgesAt < E && (!deadline || deadline.timeRemaining() > 2)) {
        for (var endE = Math.min(E, syncEdgesAt + STEP); syncEdgesAt < endE; syncEdgesAt++) {
          var m = syncEdgesAt, wantE = edgeDimmed[m] ? EDGE_DIM : 1;
          if (visE[m] ? visE[m] !== wantE : wantE !== wantGE) {
            visE[m] = wantE;
            var col = edgeColor[edgeRel[m]];
            edgeUpdates.push({ id: m, color: { color: col, highlight: col, hover: col, opacity: wantE } });
          }
        }
        if (deadline) { quietUpdate(edges, edgeUpdates, false, true); edgeUpdates = []; }
      }
      quietUpdate(nodes, nodeUpdates, true, true);
      quietUpdate(edges, edgeUpdates, false, true);
      visStale = syncNodesAt < N || syncEdgesAt < E;
      return visStale;
    }
    function sync() { syncVis(null); return !visStale; }
    /* The opacity a node is drawn with. */
    function opacityOf(id) { return dimmed[nodeIndex(id)] ? DIM : 1; }

    // -- filters and focus: what is shown (positions never change, except in focus mode) -----------
    var filters = { kinds: [], confs: [], attacks: true, connected: false };
    for (k = 0; k < KINDS.length; k++) { filters.kinds.push(true); }
    for (k = 0; k <= CONF.length; k++) { filters.confs.push(true); }   // slot 0 = not rated
    var focusStack = [];      // ids, outermost first
    var focusMask = null;
    var moved = [];           // node indexes placed by the focus layout

    function shown(j) {
      if (!filters.kinds[kindOf[j]] || !filters.confs[confOf[j] + 1]) { return false; }
      if (focusMask && !focusMask[j]) { return false; }
      if (filters.connected && keep && !keep[j]) { return false; }
      return true;
    }
    function refreshVisibility() { var self = this, a = arguments; return batch(function () { return refreshVisibility_.apply(self, a); }); }
    function refreshVisibility_() {
      // hidden nodes: the same network-wide default + own exceptions as the opacity (majority wins)
      var hiddenCount = 0, j;
      for (j = 0; j < N; j++) { hiddenN[j] = shown(j) ? 0 : 1; hiddenCount += hiddenN[j]; }
      var gHidden = hiddenCount * 2 > N ? 2 : 1, nodeUpdates = [], edgeUpdates = [];
      var before = network.nodesHandler.options.hidden ? 2 : 1;
      network.nodesHandler.options.hidden = gHidden === 2;
      for (j = 0; j < N; j++) {
        var want = hiddenN[j] ? 2 : 1;
        if (ownH[j] ? ownH[j] !== want : want !== gHidden) { ownH[j] = want; nodeUpdates.push({ id: ids[j], hidden: want === 2 }); }
      }
      // vis-network never draws an edge at a hidden node; edges themselves hide only for the attacks filter
      for (var m = 0; m < E; m++) {
        var wantE = !filters.attacks && edgeRel[m] !== SUPPORTS ? 1 : 0;
        if (hiddenE[m] !== wantE) { hiddenE[m] = wantE; edgeUpdates.push({ id: m, hidden: !!wantE }); }
      }
      quietUpdate(nodes, nodeUpdates, true);
      quietUpdate(edges, edgeUpdates, false);
      if (before !== gHidden) { geometry++; network._updateVisibleIndices(); network.body.emitter.emit("_requestRedraw"); }
      doc.body.setAttribute("data-visible", String(N - hiddenCount));
    }
    var ownH = new Uint8Array(N);   // 0 inherits, 1 shown, 2 hidden
    function isHidden(j) { return hiddenN[j] === 1; }
    function setFilter(name, value, on) { var self = this, a = arguments; return batch(function () { return setFilter_.apply(self, a); }); }
    function setFilter_(name, value, on) {
      if (name === "kind") { filters.kinds[typeof value === "number" ? value : kindIndex(value)] = !!on; }
      else if (name === "confidence") {
        var at = value === null || value === -1 ? 0 : (typeof value === "number" ? value + 1 : confIndex(value) + 1);
        filters.confs[at] = !!on;
      } else if (name === "attacks") { filters.attacks = !!value; }
      else if (name === "connected") { filters.connected = !!value; }
      else { throw new Error("no filter " + name); }
      syncFilterInputs();
      refreshVisibility();
    }
    function kindIndex(name) { for (var j = 0; j < KINDS.length; j++) { if (KINDS[j].kind === name) { return j; } } throw new Error("no kind " + name); }
    function confIndex(name) { for (var j = 0; j < CONF.length; j++) { if (CONF[j].level === name) { return j; } } throw new Error("no confidence " + name); }
    function syncFilterInputs() {
      Array.prototype.forEach.call(doc.querySelectorAll(".f-kind"), function (box) { box.checked = filters.kinds[+box.value]; });
      Array.prototype.forEach.call(doc.querySelectorAll(".f-conf"), function (box) { box.checked = filters.confs[+box.value + 1]; });
      $("f-attacks").checked = filters.attacks;
      $("f-connected").checked = filters.connected;
    }
    $("sec-filters").addEventListener("change", function (ev) {
      var t = ev.target;
      if (t.classList.contains("f-kind")) { filters.kinds[+t.value] = t.checked; }
      else if (t.classList.contains("f-conf")) { filters.confs[+t.value + 1] = t.checked; }
      else if (t.id === "f-attacks") { filters.attacks = t.checked; }
      else if (t.id === "f-connected") { filters.connected = t.checked; }
      refreshVisibility();
    });

    /* Focus mode: only a node's support tree, laid out on its own (breadth-first levels, top-down). */
    function focusLayout(root) {
      var mask = new Uint8Array(N), level = [root], placed = [];
      mask[root] = 1;
      var depth = 0;
      while (level.length) {
        var off = (level.length - 1) / 2;
        for (var j = 0; j < level.length; j++) { placed.push([level[j], (j - off) * 220, depth * 170]); }
        var next = [];
        for (j = 0; j < level.length; j++) {
          var kids = supIn[level[j]];
          for (var q = 0; q < kids.length; q++) { if (!mask[kids[q]]) { mask[kids[q]] = 1; next.push(kids[q]); } }
        }
        level = next; depth++;
      }
      return { mask: mask, placed: placed };
    }
    function restoreMoved() {
      if (!moved.length) { return; }
      var h = homePositions(), updates = [];
      for (var j = 0; j < moved.length; j++) { var m = moved[j]; updates.push({ id: ids[m], x: h[2 * m], y: h[2 * m + 1] }); }
      quietUpdate(nodes, updates, true);
      moved = [];
    }
    function applyFocus() {
      homePositions();
      restoreMoved();
      if (!focusStack.length) { focusMask = null; }
      else {
        var lay = focusLayout(nodeIndex(focusStack[focusStack.length - 1]));
        focusMask = lay.mask;
        var updates = [];
        for (var j = 0; j < lay.placed.length; j++) {
          var p = lay.placed[j];
          updates.push({ id: ids[p[0]], x: p[1], y: p[2] }); moved.push(p[0]);
        }
        quietUpdate(nodes, updates, true);
      }
      refreshVisibility();
      renderBreadcrumb();
      doc.body.classList.toggle("focused", focusStack.length > 0);
      fitHeight();
      if (focusStack.length) { network.fit({ animation: false }); } else { fitAll(); }
    }
    function focusOn(id) { var self = this, a = arguments; return batch(function () { return focusOn_.apply(self, a); }); }
    function focusOn_(id) {
      id = id === undefined || id === null ? current : id;
      if (id === null) { return []; }
      nodeIndex(id);
      if (focusStack[focusStack.length - 1] !== id) { focusStack.push(id); }
      applyFocus();
      select(id, { keepFocus: true, noCamera: true });
      var out = [];
      for (var j = 0; j < N; j++) { if (focusMask[j]) { out.push(ids[j]); } }
      return out;
    }
    function unfocus(depth) { var self = this, a = arguments; return batch(function () { return unfocus_.apply(self, a); }); }
    function unfocus_(depth) {
      focusStack.length = Math.max(0, Math.min(depth || 0, focusStack.length));
      applyFocus();
      if (current !== null) { select(current, { keepFocus: true, noCamera: true }); }
    }
    function renderBreadcrumb() {
      var nav = $("breadcrumb"), holder = $("crumbs");
      holder.textContent = "";
      nav.hidden = !focusStack.length;
      focusStack.forEach(function (id, j) {
        holder.appendChild(el("span", "sep", " \u203a "));
        var b = el("button", "crumb", labelOf(index[id]));
        b.type = "button";
        b.setAttribute("data-depth", String(j + 1));
        if (j === focusStack.length - 1) { b.setAttribute("aria-current", "true"); }
        holder.appendChild(b);
      });
    }
    $("breadcrumb").addEventListener("click", function (ev) {
      var b = ev.target.closest("button[data-depth]");
      if (b) { unfocus(+b.getAttribute("data-depth")); }
    });

    // -- the side panel ------------------------------------------------------------------------------
    function nodeButton(k2, extra) {
      var r = data.nodes[k2], kind = KINDS[r[1]];
      var btn = el("button", "trace-item kind-" + kind.kind);
      btn.type = "button";
      btn.setAttribute("data-node", r[0]);
      btn.appendChild(el("span", "badge kind-badge kind-" + kind.kind, kind.symbol + " " + kind.name));
      btn.appendChild(doc.createTextNode(" " + labelOf(k2)));
      var conf = confName(k2);
      if (conf) { btn.appendChild(doc.createTextNode(" ")); btn.appendChild(el("span", "badge confidence", conf)); }
      if (extra) { btn.appendChild(doc.createTextNode(" ")); btn.appendChild(el("span", "badge", extra)); }
      return btn;
    }
    /* A trace list shows its first TRACE_FIRST statements; a "Show all" button (a real button: Tab
     * and Enter reach it) adds the rest when asked. Built off the document, attached once. */
    var TRACE_FIRST = 100, traceLists = Object.create(null);
    function listItems(frag, list, from, to) {
      for (var j = from; j < to; j++) {
        var li = el("li");
        li.appendChild(nodeButton(index[list[j]]));
        frag.appendChild(li);
      }
    }
    function fillList(listId, countId, list) {
      var ul = $(listId), frag = doc.createDocumentFragment(), n = Math.min(list.length, TRACE_FIRST);
      traceLists[listId] = list;
      if (countId) { setText(countId, "(" + list.length + ")"); }
      listItems(frag, list, 0, n);
      if (list.length > n) { frag.appendChild(moreItem(listId, list.length, list.length - n, "statements")); }
      ul.textContent = "";
      ul.appendChild(frag);
    }
    function moreItem(listId, total, left, what) {
      var li = el("li", "more"), b = el("button", "show-all", "Show all " + total);
      b.type = "button";
      b.setAttribute("data-list", listId);
      b.setAttribute("aria-label", "Show all " + total + " " + what + " (" + left + " more)");
      li.appendChild(b);
      return li;
    }
    /* The rest of a trace list; the keyboard focus moves to the first statement added. */
    function showAll(listId) {
      if (listId === "weak-list") { buildWeak(CHECKS.length); return weakBuilt; }
      var ul = $(listId), list = traceLists[listId], more = ul && ul.querySelector("li.more");
      if (!more || !list) { return ul ? ul.querySelectorAll("[data-node]").length : 0; }
      var frag = doc.createDocumentFragment(), from = ul.querySelectorAll("[data-node]").length;
      listItems(frag, list, from, list.length);
      var first = frag.firstChild, refocus = doc.activeElement === more.firstChild;
      ul.replaceChild(frag, more);
      if (first && refocus) { first.firstChild.focus(); }
      return list.length;
    }
    function showOptional(cls, value, setter) {
      var show = value !== undefined && value !== null && value !== "" && !(Array.isArray(value) && !value.length);
      Array.prototype.forEach.call(doc.querySelectorAll("." + cls), function (n) { n.hidden = !show; });
      if (show) { setter(value); }
    }
    function showDetails(t) {
      var x = index[t.node], r = data.nodes[x], kind = KINDS[r[1]];
      $("panel-hint").hidden = true;
      $("path").hidden = true;
      $("details").hidden = false;
      setText("d-kind", kind.symbol + " " + kind.name);
      var conf = confName(x);
      setText("d-confidence", conf || "");
      $("d-confidence").hidden = !conf;
      var s = strengthOf[x];
      setText("d-strength", s === undefined ? "" : "evidence strength " + formatStrength(s));
      $("d-strength").hidden = s === undefined;
      setText("d-label", labelOf(x));
      setText("d-text", r[5]);
      showOptional("d-source", r[7], function (v) { setText("d-source", v); });
      showOptional("d-quote", r[8], function (v) { setText("d-quote", v); });
      showOptional("d-tags", r[9], function (v) { setText("d-tags", v.join(", ")); });
      showOptional("d-note", r[10], function (v) { setText("d-note", v); });
      var weak = $("d-weak");
      weak.textContent = "";
      (weakOf[x] || []).forEach(function (j) { weak.appendChild(weakItem(j, false)); });
      var essayBtn = $("d-essay");
      if (essayBtn) { essayBtn.hidden = !passagesOf[x]; }
      fillList("rests-on", "n-rests-on", t.restsOn);
      fillList("relied-on-by", "n-relied-on-by", t.reliedOnBy);
      fillList("objections", "n-objections", t.objections);
    }
    function formatStrength(s) { return (Math.round(s * 100) / 100).toFixed(2); }
    function hidePanels() {
      $("details").hidden = true; $("path").hidden = true; $("panel-hint").hidden = false;
    }

    /* Highlight a node's trace; returns the highlighted ids (the node first). */
    function select(id, opts) { var self = this, a = arguments; return batch(function () { return select_.apply(self, a); }); }
    function select_(id, opts) {
      opts = opts || {};
      var t = trace(id);
      var mask = new Uint8Array(N), out = [];
      var all = [id].concat(t.restsOn, t.reliedOnBy, t.objections);
      for (var j = 0; j < all.length; j++) {
        var ix = index[all[j]];
        if (!mask[ix]) { mask[ix] = 1; out.push(all[j]); }
      }
      current = id;
      applyHighlight(mask);
      if (!hiddenN[index[id]]) { network.selectNodes([id], false); } else { network.unselectAll(); }
      showDetails(t);
      markPassages(index[id], !opts.noEssayScroll);
      markTreeItem(index[id]);
      $("focus-button").disabled = false;
      doc.body.setAttribute("data-selected", id);
      if (opts.camera && !hiddenN[index[id]]) { showOnMap(out, id); }
      return out;
    }
    /* Move the camera to a set of nodes (at most a readable zoom), or to the one node in a big trace. */
    function showOnMap(list, id) {
      var shownIds = list.filter(function (x) { return !hiddenN[index[x]]; });
      if (shownIds.length > 1 && shownIds.length <= 300) {
        network.fit({ nodes: shownIds, animation: false });
        if (network.getScale() > 1.1) { network.moveTo({ scale: 1.1, animation: false }); }
      } else {
        network.focus(id, { scale: Math.max(network.getScale(), 0.7), animation: false });
      }
    }
    function reset() { var self = this, a = arguments; return batch(function () { return reset_.apply(self, a); }); }
    function reset_() {
      current = null;
      applyHighlight(null);
      network.unselectAll();
      hidePanels();
      markPassages(-1, false);
      $("focus-button").disabled = true;
      doc.body.removeAttribute("data-selected");
    }
    /* The matrix cell's path: the reason, the claims between, the evidence. Returns the ids. */
    function showPath(reasonId, evidenceId) { var self = this, a = arguments; return batch(function () { return showPath_.apply(self, a); }); }
    function showPath_(reasonId, evidenceId) {
      var r = nodeIndex(reasonId), ev = nodeIndex(evidenceId), link = null;
      if (MATRIX) {
        for (var j = 0; j < MATRIX.links.length; j++) {
          var L = MATRIX.links[j];
          if (L[0] === r && L[1] === ev) { link = L; break; }
        }
      }
      var path = [r].concat(link ? link[3].slice().reverse() : [], [ev]);   // via: evidence side first
      var mask = new Uint8Array(N), out = [];
      path.forEach(function (x) { if (!mask[x]) { mask[x] = 1; out.push(ids[x]); } });
      current = null;
      showView("map");
      applyHighlight(mask);
      network.selectNodes([reasonId, evidenceId].filter(function (x) { return !hiddenN[index[x]]; }), false);
      $("panel-hint").hidden = true; $("details").hidden = true; $("path").hidden = false;
      var ol = $("path-list");
      ol.textContent = "";
      path.forEach(function (x, j) {
        var li = el("li");
        var how = j === 0 ? "rests on" : (j === path.length - 1 ? (link ? (link[2] ? "directly" : "through the claims above") + (levelName(link[4]) ? ", " + levelName(link[4]) : "") : "no link") : "via");
        li.appendChild(nodeButton(x, how));
        ol.appendChild(li);
      });
      markPassages(ev, true);
      doc.body.removeAttribute("data-selected");
      doc.body.setAttribute("data-path", out.join(" "));
      var visible = out.filter(function (x) { return !hiddenN[index[x]]; });
      if (visible.length) { network.fit({ nodes: visible, animation: false }); }
      return out;
    }

    network.on("click", function (params) {
      var hit = clickedNode(params);
      if (hit !== null && hit !== undefined) { select(hit); } else { reset(); }
    });
    network.on("doubleClick", function (params) {
      var hit = clickedNode(params);
      if (hit !== null && hit !== undefined) { focusOn(hit); }
    });
    $("panel").addEventListener("click", function (ev) {
      var all = ev.target.closest("button.show-all");
      if (all) { showAll(all.getAttribute("data-list")); return; }
      var target = ev.target.closest("[data-node]");
      if (target) { select(target.getAttribute("data-node"), { camera: true }); return; }
      if (ev.target.closest(".reset-button")) { reset(); }
    });
    $("focus-button").addEventListener("click", function () { focusOn(current); });
    $("d-focus").addEventListener("click", function () { focusOn(current); });

    // -- weak spots -------------------------------------------------------------------------------
    function weakItem(j, withNode) {
      var c = CHECKS[j], li = el("li", "weak-item sev-" + c[2]);
      var holder = li;
      if (withNode && c[0] >= 0) {
        holder = el("button", "weak-button");
        holder.type = "button";
        holder.setAttribute("data-node", ids[c[0]]);
        li.appendChild(holder);
      }
      holder.appendChild(el("span", "badge weak-badge", "\u26a0 " + c[1]));
      if (withNode && c[0] >= 0) { holder.appendChild(el("strong", null, " " + labelOf(c[0]) + ": ")); }
      else { holder.appendChild(doc.createTextNode(" ")); }
      holder.appendChild(doc.createTextNode(c[3]));
      if (c[4]) { holder.appendChild(el("span", "weak-hint", c[4])); }
      return li;
    }
    /* The weak-spot list: the first WEAK_FIRST items, then a "Show all" button for the rest (a big
     * map has thousands; kept in the document, they cost every later frame tens of milliseconds of
     * style, layout and paint, however far down the panel they are). */
    var WEAK_FIRST = 200, weakBuilt = 0;
    function buildWeak(upTo) {
      var ul = $("weak-list"), frag = doc.createDocumentFragment(), end = Math.min(CHECKS.length, upTo);
      for (; weakBuilt < end; weakBuilt++) { frag.appendChild(weakItem(weakBuilt, true)); }
      var first = frag.firstChild, more = ul.querySelector("li.more"), refocus = more && doc.activeElement === more.firstChild;
      if (more) { ul.replaceChild(frag, more); } else { ul.appendChild(frag); }
      if (weakBuilt < CHECKS.length) { ul.appendChild(moreItem("weak-list", CHECKS.length, CHECKS.length - weakBuilt, "weak spots")); }
      if (refocus && first) { (first.querySelector("button") || first).focus(); }
    }
    buildWeak(WEAK_FIRST);
    setText("n-weak", "(" + CHECKS.length + ")");
    $("weak-none").hidden = CHECKS.length > 0;

    // -- search -----------------------------------------------------------------------------------
    var hay = null, matches = [], matchAt = -1;
    function haystack() {
      if (!hay) {
        hay = new Array(N);
        for (var j = 0; j < N; j++) {
          var r = data.nodes[j];
          hay[j] = [labelOf(j), r[5], r[7] || "", (r[9] || []).join(" ")].join("\n").toLowerCase();
        }
      }
      return hay;
    }
    /* Nodes whose label, text, source or tags contain every word of the query (reading order). */
    function search(query) { var self = this, a = arguments; return batch(function () { return search_.apply(self, a); }); }
    function search_(query) {
      var words = String(query || "").toLowerCase().split(/\s+/).filter(Boolean);
      matches = []; matchAt = -1;
      if (!words.length) { setText("search-count", ""); applyHighlight(null); current = null; hidePanels(); return []; }
      var h = haystack();
      for (var j = 0; j < N; j++) {
        var ok = true;
        for (var w = 0; w < words.length && ok; w++) { ok = h[j].indexOf(words[w]) >= 0; }
        if (ok) { matches.push(j); }
      }
      var mask = new Uint8Array(N);
      matches.forEach(function (x) { mask[x] = 1; });
      current = null;
      applyHighlight(matches.length ? mask : new Uint8Array(N));
      network.unselectAll();
      setText("search-count", matches.length ? matches.length + " found" : "none found");
      if (matches.length) { nextMatch(1); }
      return toIds(matches);
    }
    function nextMatch(step) { var self = this, a = arguments; return batch(function () { return nextMatch_.apply(self, a); }); }
    function nextMatch_(step) {
      if (!matches.length) { return null; }
      matchAt = (matchAt + step + matches.length) % matches.length;
      var x = matches[matchAt], id = ids[x];
      setText("search-count", (matchAt + 1) + " of " + matches.length);
      if (!hiddenN[x]) {
        network.selectNodes([id], false);
        network.focus(id, { scale: Math.max(network.getScale(), 0.7), animation: false });
      }
      showDetails(trace(id));
      markPassages(x, true);
      doc.body.setAttribute("data-match", id);
      return id;
    }
    var searchBox = $("search");
    var searchTimer = null;
    searchBox.addEventListener("input", function () {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(function () { search(searchBox.value); }, N > 3000 ? 150 : 0);
    });
    searchBox.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter") {
        ev.preventDefault();
        clearTimeout(searchTimer);
        var words = searchBox.value;
        if (!matches.length || searchBox.getAttribute("data-query") !== words) { search(words); searchBox.setAttribute("data-query", words); }
        else { nextMatch(ev.shiftKey ? -1 : 1); }
      } else if (ev.key === "Escape") {
        ev.preventDefault(); ev.stopPropagation();
        clearTimeout(searchTimer);
        searchBox.value = ""; searchBox.removeAttribute("data-query");
        search(""); reset();
        doc.body.removeAttribute("data-match");
      }
    });
    searchBox.addEventListener("input", function () { searchBox.setAttribute("data-query", searchBox.value); });

    // -- essay side by side -------------------------------------------------------------------------
    var passagesOf = [];      // node index -> passage elements
    var marked = [];
    (function buildEssay() {
      var holder = $("essay-text");
      if (!holder || !data.essay) { return; }
      var text = data.essay.text, marks = data.essay.marks.slice();
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
        var kind = KINDS[kindOf[best[0]]].kind;
        var mk = el("mark", "passage kind-" + kind, piece);
        mk.setAttribute("data-node", ids[best[0]]);
        mk.setAttribute("tabindex", "0");
        mk.setAttribute("role", "button");
        mk.title = KINDS[kindOf[best[0]]].name + ": " + labelOf(best[0]);
        active.forEach(function (m) { (passagesOf[m[0]] = passagesOf[m[0]] || []).push(mk); });
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
    })();
    function markPassages(x, scroll) {
      marked.forEach(function (m) { m.classList.remove("current"); });
      marked = x >= 0 && passagesOf[x] ? passagesOf[x] : [];
      marked.forEach(function (m) { m.classList.add("current"); });
      if (scroll && marked.length) { scrollEssayTo(marked[0]); }
    }
    function scrollEssayTo(m) {
      var box = $("essay-text");
      if (!box || $("essay-panel").hidden) { return; }
      var top = m.offsetTop - box.offsetTop;
      box.scrollTop = Math.max(0, top - box.clientHeight / 3);
    }
    function showEssay(on) {
      var panel = $("essay-panel"), btn = $("toggle-essay");
      if (!panel) { return false; }
      panel.hidden = !on;
      btn.setAttribute("aria-pressed", on ? "true" : "false");
      doc.body.classList.toggle("essay-open", !!on);
      if (on && marked.length) { scrollEssayTo(marked[0]); }
      network.redraw();
      return !!on;
    }
    if ($("toggle-essay")) {
      $("toggle-essay").addEventListener("click", function () { showEssay($("essay-panel").hidden); });
      doc.body.classList.add("essay-open");
      $("d-essay").addEventListener("click", function () {
        showEssay(true);
        if (marked.length) { scrollEssayTo(marked[0]); marked[0].focus({ preventScroll: true }); }
      });
    }

    // -- evidence matrix ----------------------------------------------------------------------------
    var MAX_ROWS = 300, MAX_COLS = 120, matrixBuilt = false;
    function buildMatrix() {
      if (matrixBuilt || !MATRIX) { return; }
      matrixBuilt = true;
      var table = $("matrix");
      var rows = MATRIX.rows, cols = MATRIX.cols;
      var colAt = Object.create(null), rowAt = Object.create(null);
      var shownCols = cols.slice(0, MAX_COLS), shownRows = rows.slice(0, MAX_ROWS);
      shownCols.forEach(function (x, j) { colAt[x] = j; });
      rows.forEach(function (x, j) { rowAt[x] = j; });
      var byRow = [], rowTotal = new Int32Array(rows.length), colTotal = Object.create(null);
      MATRIX.links.forEach(function (L) {
        var ri = rowAt[L[0]];
        if (ri === undefined) { return; }
        rowTotal[ri]++;
        colTotal[L[1]] = (colTotal[L[1]] || 0) + 1;
        if (colAt[L[1]] !== undefined) { (byRow[ri] = byRow[ri] || Object.create(null))[L[1]] = L; }
      });
      // a cut matrix (huge or deep maps) lists links for its first rows only: true totals come along
      if (MATRIX.counts) { MATRIX.counts.forEach(function (c, j) { rowTotal[j] = c; }); }
      var maxStrength = 0;
      MATRIX.strength.forEach(function (v) { if (v > maxStrength) { maxStrength = v; } });
      var reasonName = KINDS[1].name, thead = el("thead"), tr = el("tr");
      var corner = el("th", "corner", reasonName + " \u2193  Evidence \u2192");
      corner.setAttribute("scope", "col");
      tr.appendChild(corner);
      shownCols.forEach(function (x) {
        var th = el("th", "col-head");
        th.setAttribute("scope", "col");
        var b = el("button", "col-button", labelOf(x));
        b.type = "button"; b.setAttribute("data-node", ids[x]);
        var conf = confName(x);
        if (conf) { b.appendChild(el("span", "badge confidence", conf)); }
        th.appendChild(b);
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
        var b = el("button", "row-button", KINDS[kindOf[x]].symbol + " " + labelOf(x));
        b.type = "button"; b.setAttribute("data-node", ids[x]);
        th.appendChild(b);
        var s = MATRIX.strength[ri];
        var meter = el("span", "row-strength", rowTotal[ri] ? "strength " + formatStrength(s) : "no evidence");
        meter.style.setProperty("--s", String(maxStrength > 0 ? Math.max(0, Math.min(1, (+s || 0) / maxStrength)) : 0));
        th.appendChild(meter);
        trr.appendChild(th);
        var cells = byRow[ri] || {};
        shownCols.forEach(function (cx) {
          var td = el("td"), L = cells[cx];
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
      shownCols.forEach(function (cx) { fr.appendChild(el("td", "total", String(colTotal[cx] || 0))); });
      var allLinks = MATRIX.links.length;
      if (MATRIX.counts) { allLinks = 0; MATRIX.counts.forEach(function (c) { allLinks += c; }); }
      fr.appendChild(el("td", "total", String(allLinks)));
      tfoot.appendChild(fr);
      table.appendChild(tfoot);
      if (rows.length > MAX_ROWS || cols.length > MAX_COLS || MATRIX.counts) {
        var note = $("matrix-note");
        note.hidden = false;
        note.textContent = "Showing " + shownRows.length + " of " + rows.length + " rows and " + shownCols.length +
          " of " + cols.length + " columns" + (MATRIX.counts ? ", each row's nearest evidence (column totals count the links shown; " +
          "`argmap evidence MAP ID` shows one statement's whole tree)" : "") + "; focus on a statement for a smaller map.";
      }
      table.addEventListener("click", function (ev) {
        var cell = ev.target.closest("button.cell");
        if (cell) { showPath(cell.getAttribute("data-reason"), cell.getAttribute("data-evidence")); return; }
        var head = ev.target.closest("button[data-node]");
        if (head) { showView("map"); select(head.getAttribute("data-node"), { camera: true }); }
      });
    }
    var view = "map";
    function showView(name) {
      if (name === "matrix" && !MATRIX) { return view; }
      view = name;
      var tabMap = $("tab-map"), tabMatrix = $("tab-matrix");
      if (name === "matrix") { buildMatrix(); }
      container.hidden = name !== "map";
      if ($("matrix-view")) { $("matrix-view").hidden = name !== "matrix"; }
      tabMap.setAttribute("aria-selected", name === "map" ? "true" : "false");
      tabMap.tabIndex = name === "map" ? 0 : -1;
      if (tabMatrix) { tabMatrix.setAttribute("aria-selected", name === "matrix" ? "true" : "false"); tabMatrix.tabIndex = name === "matrix" ? 0 : -1; }
      doc.body.setAttribute("data-view", name);
      if (name === "map") { network.redraw(); }
      return view;
    }
    $("tab-map").addEventListener("click", function () { showView("map"); });
    if ($("tab-matrix")) {
      $("tab-matrix").addEventListener("click", function () { showView("matrix"); });
      [$("tab-map"), $("tab-matrix")].forEach(function (tab) {
        tab.addEventListener("keydown", function (ev) {
          if (ev.key === "ArrowRight" || ev.key === "ArrowLeft") {
            ev.preventDefault();
            var to = view === "map" ? "matrix" : "map";
            showView(to);
            $(to === "map" ? "tab-map" : "tab-matrix").focus();
          }
        });
      });
    }

    // -- statement list (a tree navigable by keyboard) ---------------------------------------------
    var treeItems = [], treeOf = [], treeBuilt = false, treeAt = 0;
    function outlineOrder() {
      // the outline's order: each conclusion, then what argues about it, depth first
      var seen = new Uint8Array(N), out = [], stack = [], j;
      var starts = [];
      for (j = 0; j < N; j++) { if (kindOf[j] === 0) { starts.push(j); } }
      if (!starts.length) { for (j = 0; j < N; j++) { if (!supOut[j].length && !hasAttackOut(j)) { starts.push(j); } } }
      for (j = 0; j < N; j++) { starts.push(j); }
      for (j = starts.length - 1; j >= 0; j--) { stack.push([starts[j], 0]); }
      while (stack.length) {
        var top = stack.pop(), x = top[0];
        if (seen[x]) { continue; }
        seen[x] = 1;
        out.push([x, top[1]]);
        var kids = predAll[x];
        for (var q = kids.length - 1; q >= 0; q--) { if (!seen[kids[q]]) { stack.push([kids[q], top[1] + 1]); } }
      }
      return out;
    }
    var predAll = [], attOut = new Uint8Array(N);
    for (k = 0; k < N; k++) { predAll.push([]); }
    for (e = 0; e < E; e++) { predAll[edgeTo[e]].push(edgeFrom[e]); if (edgeRel[e] !== SUPPORTS) { attOut[edgeFrom[e]] = 1; } }
    function hasAttackOut(j) { return attOut[j] === 1; }
    function buildTree() {
      if (treeBuilt) { return; }
      treeBuilt = true;
      var tree = $("node-tree"), frag = doc.createDocumentFragment();
      outlineOrder().forEach(function (pair, j) {
        var x = pair[0], kind = KINDS[kindOf[x]];
        var item = el("div", "tree-item kind-" + kind.kind);
        item.setAttribute("role", "treeitem");
        item.setAttribute("aria-level", String(pair[1] + 1));
        item.setAttribute("data-node", ids[x]);
        item.setAttribute("aria-selected", "false");
        item.tabIndex = j === 0 ? 0 : -1;
        item.style.paddingLeft = (0.3 + Math.min(pair[1], 12) * 1.1) + "em";
        item.appendChild(el("span", "badge kind-badge kind-" + kind.kind, kind.symbol + " " + kind.name));
        item.appendChild(doc.createTextNode(" " + labelOf(x)));
        var conf = confName(x);
        if (conf) { item.appendChild(doc.createTextNode(" ")); item.appendChild(el("span", "badge confidence", conf)); }
        if (weakCount[x]) { item.appendChild(el("span", "badge weak-badge", "\u26a0")); }
        treeOf[x] = j;
        treeItems.push(item);
        frag.appendChild(item);
      });
      tree.appendChild(frag);
      tree.addEventListener("keydown", function (ev) {
        var at = treeItems.indexOf(ev.target);
        if (at < 0) { return; }
        var to = at;
        if (ev.key === "ArrowDown") { to = Math.min(treeItems.length - 1, at + 1); }
        else if (ev.key === "ArrowUp") { to = Math.max(0, at - 1); }
        else if (ev.key === "Home") { to = 0; }
        else if (ev.key === "End") { to = treeItems.length - 1; }
        else if (ev.key === "PageDown") { to = Math.min(treeItems.length - 1, at + 10); }
        else if (ev.key === "PageUp") { to = Math.max(0, at - 10); }
        else if (ev.key === "Enter" || ev.key === " ") {
          ev.preventDefault(); select(ev.target.getAttribute("data-node"), { camera: true }); return;
        } else if (ev.key === "f" || ev.key === "F") {
          ev.preventDefault(); ev.stopPropagation(); focusOn(ev.target.getAttribute("data-node")); return;
        } else { return; }
        ev.preventDefault();
        moveTree(to, true);
      });
    }
    function moveTree(to, focus) {
      if (!treeItems.length) { return; }
      treeItems[treeAt].tabIndex = -1;
      treeAt = to;
      treeItems[to].tabIndex = 0;
      if (focus) { treeItems[to].focus(); }
    }
    var treeMarked = -1;
    function markTreeItem(x) {
      if (!treeBuilt) { return; }
      if (treeMarked >= 0) { treeItems[treeMarked].setAttribute("aria-selected", "false"); treeMarked = -1; }
      var j = treeOf[x];
      if (j !== undefined) { treeItems[j].setAttribute("aria-selected", "true"); treeMarked = j; moveTree(j, false); }
    }
    $("sec-nodes").addEventListener("toggle", function () { if ($("sec-nodes").open) { buildTree(); if (current !== null) { markTreeItem(index[current]); } } });

    // -- export -----------------------------------------------------------------------------------
    function fileBase() {
      var base = String(data.title || "argmap").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60);
      return base || "argmap";
    }
    function download(href, name) {
      var a = el("a");
      a.href = href; a.download = name; a.hidden = true;
      doc.body.appendChild(a); a.click(); doc.body.removeChild(a);
    }
    function exportPNG() {
      network.redraw();
      var canvas = container.querySelector("canvas");
      var url = canvas.toDataURL("image/png");
      download(url, fileBase() + ".png");
      return url;
    }
    // the native document (argmap.writers.native.write_json), rebuilt from the page data
    function pyJSON(value, indent) {
      if (value === null || typeof value !== "object") { return JSON.stringify(value); }
      var pad = indent + "  ", parts;
      if (Array.isArray(value)) {
        if (!value.length) { return "[]"; }
        parts = value.map(function (v) { return pad + pyJSON(v, pad); });
        return "[\n" + parts.join(",\n") + "\n" + indent + "]";
      }
      var keys = value instanceof Pairs ? value.keys : Object.keys(value);
      if (!keys.length) { return "{}"; }
      parts = keys.map(function (key, j) {
        var v = value instanceof Pairs ? value.values[j] : value[key];
        return pad + JSON.stringify(key) + ": " + pyJSON(v, pad);
      });
      return "{\n" + parts.join(",\n") + "\n" + indent + "}";
    }
    function Pairs() { this.keys = []; this.values = []; }
    Pairs.prototype.set = function (key, value) { this.keys.push(key); this.values.push(value); return this; };
    function mapDocument() {
      var out = new Pairs(), head = data.doc || {};
      Object.keys(head).forEach(function (key) { out.set(key, head[key]); });
      var nodeMap = new Pairs(), rels = RELS.map(function (r) { return r.relation; });
      var outgoing = [];
      for (var j = 0; j < N; j++) { outgoing.push([]); }
      data.edges.forEach(function (ed2) { outgoing[ed2[0]].push(ed2); });
      for (j = 0; j < N; j++) {
        var r = data.nodes[j], node = new Pairs();
        node.set("kind", KINDS[r[1]].kind);
        if (r[4] !== 0) { node.set("label", r[4]); }
        node.set("text", r[5]);
        if (confOf[j] >= 0) { node.set("confidence", CONF[confOf[j]].level); }
        if (r[7] != null) { node.set("source", r[7]); }
        if (r[8] != null) { node.set("quote", r[8]); }
        if (r[9] != null) { node.set("tags", r[9]); }
        if (r[10] != null) { node.set("note", r[10]); }
        if (r[11] != null) { node.set("group", r[11]); }
        var byRel = {};
        rels.forEach(function (name) { byRel[name] = []; });
        outgoing[j].forEach(function (ed2) {
          var name = rels[ed2[2]], to = ids[ed2[1]];
          if (name === "undercuts") { byRel[name].push(new Pairs().set("from", ed2[4] >= 0 ? ids[ed2[4]] : null).set("to", to)); }
          else if (ed2[3] != null) { byRel[name].push(new Pairs().set("to", to).set("link", ed2[3])); }
          else { byRel[name].push(to); }
        });
        rels.forEach(function (name) {
          var t = byRel[name];
          if (t.length) { node.set(name, t.length === 1 && typeof t[0] === "string" ? t[0] : t); }
        });
        if (r[12] != null) { node.set("data", r[12]); }
        nodeMap.set(ids[j], node);
      }
      out.set("nodes", nodeMap);
      return out;
    }
    function mapJSON() { return pyJSON(mapDocument(), "") + "\n"; }
    var jsonURL = null;
    function exportJSON() {
      var text = mapJSON();
      if (jsonURL) { URL.revokeObjectURL(jsonURL); }
      jsonURL = URL.createObjectURL(new Blob([text], { type: "application/json" }));
      download(jsonURL, fileBase() + ".json");
      return text;
    }
    $("export-png").addEventListener("click", exportPNG);
    $("export-json").addEventListener("click", exportJSON);
    $("print-button").addEventListener("click", function () { window.print(); });

    // -- keyboard ---------------------------------------------------------------------------------
    function typing(t) { return t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.isContentEditable); }
    doc.addEventListener("keydown", function (ev) {
      if (ev.defaultPrevented || ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
      if (ev.key === "/" && !typing(ev.target)) { ev.preventDefault(); searchBox.focus(); searchBox.select(); return; }
      if (ev.key === "Escape" && !typing(ev.target)) {
        if (current !== null || keep) { reset(); }
        else if (focusStack.length) { unfocus(focusStack.length - 1); }
        else if (view !== "map") { showView("map"); }
        return;
      }
      if ((ev.key === "f" || ev.key === "F") && !typing(ev.target) && current !== null) { focusOn(current); }
    });

    // -- start --------------------------------------------------------------------------------------
    function fitHeight() {
      var bar = doc.querySelector(".bar"), crumbs = $("breadcrumb");
      var h = bar.offsetHeight + (crumbs.hidden ? 0 : crumbs.offsetHeight);
      doc.documentElement.style.setProperty("--bar-h", h + "px");
    }
    fitHeight();
    window.addEventListener("resize", fitHeight);
    if (deferData) { fitAll(); loadData(); }
    network.once("afterDrawing", function () {
      doc.body.setAttribute("data-drawn", "1");
      if (BIG) { chore(measureSlice); }
    });
    if (positioned && !deferData) { fitAll(); }
    refreshVisibility();
    doc.body.setAttribute("data-view", "map");

    window.argmap = {
      network: network, nodes: nodes, edges: edges, data: data, opacity: opacityOf,
      opacities: function () { var out = {}; for (var j = 0; j < N; j++) { out[ids[j]] = dimmed[j] ? DIM : 1; } return out; },
      sync: sync,
      select: function (id, opts) { return select(id, opts); }, reset: reset, trace: trace,
      selected: function () { return current; },
      highlighted: function () { var out = []; if (keep) { for (var j = 0; j < N; j++) { if (keep[j]) { out.push(ids[j]); } } } return out; },
      visible: function () { var out = []; for (var j = 0; j < N; j++) { if (!hiddenN[j]) { out.push(ids[j]); } } return out; },
      showPath: showPath, search: search, nextMatch: nextMatch,
      setFilter: setFilter, focus: focusOn, unfocus: unfocus, focusPath: function () { return focusStack.slice(); },
      showAll: showAll, showView: showView, showEssay: showEssay, exportPNG: exportPNG, mapJSON: mapJSON, exportJSON: exportJSON,
      weakSpots: function () { return CHECKS.map(function (c) { return { node: c[0] >= 0 ? ids[c[0]] : null, code: c[1], severity: c[2], message: c[3], hint: c[4] }; }); }
    };
  }
})();
