/* argmap page, served by `argmap serve`: edit the map in the page, saved to its file at once.
 *
 * window.argmap.edit is the whole interface (the buttons and keys below use nothing else): each call
 * sends one edit to the local server with the version of the file this page shows, and returns a
 * Promise that resolves once the file is saved (add: with the new id) or rejects with
 * {code, message}: "conflict" when the file changed on disk meanwhile, an AMxxx code when the
 * edit would make the map invalid (nothing is written then). After the last pending edit settles the
 * page reloads with the re-rendered map (weak spots included), keeping selection, view and zoom.
 * Map text reaches the document only through textContent, values and Option text.
 */
(function () {
  "use strict";

  var doc = document;
  var holder = doc.getElementById("argmap-live");
  if (!holder) { return; }
  var config = JSON.parse(holder.textContent);
  if (config.mode !== "serve") { return; }
  var FLASH = "argmap-edit-flash:" + location.pathname, PENDING = "argmap-edit-form:" + location.pathname;
  var digest = config.digest;

  function el(tag, cls, text) {
    var node = doc.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function ready(fn) {
    if (window.argmap && window.argmap.network && window.argmap.live) { fn(window.argmap); return; }
    setTimeout(function () { ready(fn); }, 30);
  }

  // -- the API --------------------------------------------------------------------------------------
  function refusal(code, message) { return { code: code, message: message }; }
  function send(route, body, after) {
    var live = window.argmap.live;
    live.hold();
    body.base = digest;
    return fetch(route, {
      method: "POST", credentials: "same-origin", cache: "no-store",
      headers: { "Content-Type": "application/json", "X-Argmap-Token": config.token },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (answer) { return { ok: response.ok, answer: answer }; },
        function () { throw refusal("server", "the server sent no answer (" + response.status + ")"); });
    }, function () {
      throw refusal("server", "cannot reach argmap serve: is it still running?");
    }).then(function (r) {
      if (!r.ok) {
        var err = refusal(r.answer.code, r.answer.message);
        if (r.answer.diagnostics && r.answer.diagnostics.length) { err.diagnostics = r.answer.diagnostics; }
        if (err.code === "conflict") { flash(err.message, "error"); live.reload({}); }
        throw err;
      }
      digest = r.answer.digest;
      live.reload(after ? after(r.answer.result) : {});
      return r.answer.result;
    }).then(function (result) { live.release(); return result; },
      function (err) { live.release(); throw err; });
  }
  function op(name, args, after) { return send("/edit", { op: name, args: args }, after); }
  var api = {
    /* node: the fields as in the YAML file (kind, text, label, confidence, source, quote, supports,
     * attacks, ...) and an optional id; resolves to the id. */
    add: function (node) {
      return op("add", { node: node || {} }, function (id) { return { select: id }; });
    },
    update: function (id, fields) { return op("update", { id: id, fields: fields || {} }, keep).then(nothing); },
    link: function (from, to, relation) {
      return op("link", { from: from, to: to, relation: relation || "supports" }, keep).then(nothing);
    },
    unlink: function (from, to) { return op("unlink", { from: from, to: to }, keep).then(nothing); },
    remove: function (id) {
      return op("remove", { id: id }, function () {
        return window.argmap.selected() === id ? { select: null } : {};
      }).then(nothing);
    },
    undo: function () { return send("/undo", {}, keep).then(nothing); },
    redo: function () { return send("/redo", {}, keep).then(nothing); },
    /* the sha256 of the file version this page edits */
    digest: function () { return digest; }
  };
  function keep() { return {}; }
  function nothing() { return undefined; }

  // -- messages that outlive a reload ---------------------------------------------------------------
  var statusLine = null;
  function say(text, kind) {
    if (!statusLine) { return; }
    statusLine.textContent = text;
    statusLine.className = "edit-status" + (kind ? " " + kind : "");
  }
  function flash(text, kind) {
    say(text, kind);
    try { sessionStorage.setItem(FLASH, JSON.stringify({ text: text, kind: kind || "" })); } catch (err) { /* ignore */ }
  }
  function describe(err) {
    if (err && err.message) { return err.message; }
    return String(err);
  }

  // -- the user interface ---------------------------------------------------------------------------
  var css = el("style");
  css.textContent =
    ".edit-bar { border-bottom: 1px solid var(--line); padding: 0 0 8px; margin-bottom: 8px; }" +
    ".edit-bar .edit-tools { display: flex; flex-wrap: wrap; gap: 4px; }" +
    ".edit-status { margin: 6px 0 0; font-size: .85rem; min-height: 1.2em; }" +
    ".edit-status.error { color: #a33a00; font-weight: 600; } .edit-status.ok { color: #00704f; }" +
    ".edit-form { display: grid; gap: 6px; margin-top: 8px; } .edit-form[hidden] { display: none; }" +
    ".edit-form label { display: grid; gap: 2px; font-size: .85rem; }" +
    ".edit-form input, .edit-form select, .edit-form textarea { font: inherit; padding: 3px 6px; }" +
    ".edit-form textarea { min-height: 4.5em; resize: vertical; }" +
    ".edit-form .edit-buttons { display: flex; gap: 6px; } .edit-form h3 { margin: 0; font-size: .95rem; }";
  doc.head.appendChild(css);

  function build(a) {
    var data = a.data, KINDS = data.kinds, CONF = data.confidences, RELS = data.relations;
    var rows = {}, order = [], own = {};
    /* a node's own label: slot 4 of a small map holds its card's lines, data.labels the label */
    data.nodes.forEach(function (row, i) {
      rows[row[0]] = row; order.push(row[0]);
      own[row[0]] = data.labels ? data.labels[i] || "" : row[4] || "";
    });
    function labelOf(id) { var r = rows[id]; return own[id] || (r[5].length > 48 ? r[5].slice(0, 47) + "\u2026" : r[5]); }
    function kindOf(id) { return KINDS[rows[id][1]].kind; }

    var bar = el("section", "edit-bar");
    bar.id = "edit-bar";
    bar.setAttribute("aria-label", "Edit the map");
    var tools = el("div", "edit-tools");
    tools.setAttribute("role", "toolbar");
    tools.setAttribute("aria-label", "Edit");
    function button(id, text, title, handler) {
      var b = el("button", null, text);
      b.type = "button"; b.id = id; b.title = title;
      b.addEventListener("click", handler);
      tools.appendChild(b);
      return b;
    }
    var buttons = {
      add: button("edit-add", "Add\u2026", "Add a statement under the selected one, or against it (A)", function () { openForm("add"); }),
      edit: button("edit-edit", "Edit\u2026", "Edit the selected statement's fields (F2)", function () { openForm("edit"); }),
      link: button("edit-link", "Link\u2026", "Link the selected statement to another (L); or drag between two after 'Draw link'", function () { openForm("link"); }),
      draw: button("edit-draw", "Draw link", "Drag from one statement to another to link them", startDrawing),
      unlink: button("edit-unlink", "Unlink\u2026", "Remove a link of the selected statement (U)", function () { openForm("unlink"); }),
      remove: button("edit-remove", "Remove", "Remove the selected statement and its links (Delete)", removeSelected),
      undo: button("edit-undo", "Undo", "Undo the last edit (Ctrl+Z)", function () { run(api.undo(), "Undone."); }),
      redo: button("edit-redo", "Redo", "Redo the edit undone last (Ctrl+Shift+Z)", function () { run(api.redo(), "Redone."); })
    };
    bar.appendChild(tools);
    statusLine = el("p", "edit-status");
    statusLine.id = "edit-status";
    statusLine.setAttribute("role", "status");
    statusLine.setAttribute("aria-live", "polite");
    bar.appendChild(statusLine);
    var form = el("form", "edit-form");
    form.id = "edit-form";
    form.hidden = true;
    form.noValidate = true;
    bar.appendChild(form);
    var panel = doc.getElementById("panel");
    panel.insertBefore(bar, panel.firstChild);

    function updateButtons() {
      var none = a.selected() === null;
      ["edit", "link", "unlink", "remove"].forEach(function (k) { buttons[k].disabled = none; });
    }
    updateButtons();
    new MutationObserver(function () {
      if (holding && !saving && doc.body.hasAttribute("data-live-waiting")) {
        say("The map file changed on disk: the page shows it when this form closes (Save tries your edit on it).", "");
      }
    }).observe(doc.body, { attributes: true, attributeFilter: ["data-live-waiting"] });
    new MutationObserver(updateButtons).observe(doc.body, { attributes: true, attributeFilter: ["data-selected"] });

    /* An open form holds the page's reload (a change on disk must not wipe what is being typed);
     * an edit refused because the file changed goes back into the form on the new version. */
    var saving = false;
    function run(promise, done) {
      say("Saving\u2026", "");
      saving = true;
      return promise.then(function (result) { saving = false; flash(done, "ok"); closeForm(); return result; },
        function (err) {
          saving = false;
          if (err && err.code === "conflict" && mode) {
            stashForm();
            flash(describe(err) + " Your edit is back in the form: check it against the new version and save again.", "error");
            closeForm();
            return;
          }
          say(describe(err), "error");
        });
    }
    function stashForm() {
      var values = {};
      Object.keys(controls).forEach(function (k) { values[k] = controls[k].value; });
      try { sessionStorage.setItem(PENDING, JSON.stringify({ mode: mode, selected: a.selected(), values: values })); } catch (err) { /* ignore */ }
    }
    function unstashForm() {
      var pending = null;
      try { pending = JSON.parse(sessionStorage.getItem(PENDING) || "null"); sessionStorage.removeItem(PENDING); } catch (err) { return; }
      if (!pending) { return; }
      if (pending.selected !== null && !rows[pending.selected]) { return; }  // removed meanwhile: the message says so
      if (pending.selected !== null && a.selected() !== pending.selected) { a.select(pending.selected); }
      openForm(pending.mode);
      Object.keys(pending.values).forEach(function (k) { if (controls[k]) { controls[k].value = pending.values[k]; } });
    }

    // form fields
    function field(labelText, control, name) {
      var label = el("label");
      label.appendChild(el("span", null, labelText));
      control.name = name;
      control.id = "edit-" + name;
      label.appendChild(control);
      form.appendChild(label);
      return control;
    }
    function select(options) {
      var s = el("select");
      options.forEach(function (o) { s.appendChild(new Option(o[1], o[0])); });
      return s;
    }
    function input(kind) { var i = el(kind === "textarea" ? "textarea" : "input"); if (kind !== "textarea") { i.type = "text"; } return i; }
    var mode = null, controls = {}, holding = false;
    function closeForm() {
      form.hidden = true; form.textContent = ""; mode = null; controls = {};
      if (holding) { holding = false; a.live.release(); }
    }
    function statementFields(row) {
      controls.kind = field("Kind", select(KINDS.map(function (k) { return [k.kind, k.name]; })), "kind");
      controls.text = field("Text", input("textarea"), "text");
      controls.label = field("Label (optional, short)", input(), "label");
      controls.confidence = field("Confidence", select([["", "not rated"]].concat(CONF.map(function (c) { return [c.level, c.level]; }))), "confidence");
      controls.source = field("Source", input(), "source");
      controls.quote = field("Quote from the essay", input("textarea"), "quote");
      if (row) {
        controls.note = field("Note", input("textarea"), "note");
        controls.kind.value = KINDS[row[1]].kind;
        controls.text.value = row[5];
        controls.label.value = own[row[0]];
        controls.confidence.value = row[6] !== undefined && row[6] >= 0 ? CONF[row[6]].level : "";
        controls.source.value = row[7] == null ? "" : row[7];
        controls.quote.value = row[8] == null ? "" : row[8];
        controls.note.value = row[10] == null ? "" : row[10];
      }
    }
    function footer(saveText) {
      var row = el("div", "edit-buttons");
      var save = el("button", null, saveText);
      save.type = "submit"; save.id = "edit-save";
      var cancel = el("button", null, "Cancel");
      cancel.type = "button"; cancel.id = "edit-cancel";
      cancel.addEventListener("click", function () { closeForm(); say("", ""); });
      row.appendChild(save); row.appendChild(cancel);
      form.appendChild(row);
    }
    function openForm(which) {
      var sel = a.selected();
      if (which !== "add" && sel === null) { say("Select a statement first.", "error"); return; }
      closeForm();
      mode = which;
      form.hidden = false;
      holding = true;
      a.live.hold();
      if (which === "add") {
        form.appendChild(el("h3", null, sel === null ? "New statement" : "New statement about \u201c" + labelOf(sel) + "\u201d"));
        statementFields(null);
        if (sel !== null) {
          controls.relation = field("It", select([["supports", "supports the selected statement"],
            ["attacks", "attacks the selected statement"], ["", "is not linked"]]), "relation");
          var under = { thesis: "reason", reason: "evidence", claim: "evidence", objection: "rebuttal", rebuttal: "evidence", evidence: "claim" };
          controls.kind.value = under[kindOf(sel)] || "claim";
          var sync = function () { controls.relation.value = /^(objection|rebuttal)$/.test(controls.kind.value) ? "attacks" : "supports"; };
          sync();
          controls.kind.addEventListener("change", sync);
        }
        footer("Add");
        controls.text.focus();
      } else if (which === "edit") {
        form.appendChild(el("h3", null, "Edit \u201c" + labelOf(sel) + "\u201d"));
        statementFields(rows[sel]);
        footer("Save");
        controls.text.focus();
      } else if (which === "link") {
        form.appendChild(el("h3", null, "Link \u201c" + labelOf(sel) + "\u201d"));
        controls.relation = field("It", select([["supports", "supports"], ["attacks", "attacks"]]), "relation");
        controls.relation.value = /^(objection|rebuttal)$/.test(kindOf(sel)) ? "attacks" : "supports";
        controls.target = field("this statement", select(order.filter(function (id) { return id !== sel; })
          .map(function (id) { return [id, labelOf(id) + " (" + id + ")"]; })), "target");
        footer("Link");
        controls.relation.focus();
      } else if (which === "unlink") {
        var links = [];
        data.edges.forEach(function (ed) {
          var from = data.nodes[ed[0]][0], to = data.nodes[ed[1]][0], rel = RELS[ed[2]].relation;
          if (from === sel) { links.push([from + "\n" + to, "it " + rel + " \u201c" + labelOf(to) + "\u201d"]); }
          else if (to === sel) { links.push([from + "\n" + to, "\u201c" + labelOf(from) + "\u201d " + rel + " it"]); }
        });
        if (!links.length) { closeForm(); say("The selected statement has no links.", "error"); return; }
        form.appendChild(el("h3", null, "Unlink \u201c" + labelOf(sel) + "\u201d"));
        controls.target = field("Link", select(links), "link");
        footer("Unlink");
        controls.target.focus();
      }
    }
    function value(name) { var c = controls[name]; return c ? c.value : ""; }
    function submit() {
      var sel = a.selected();
      if (mode === "add") {
        var node = { kind: value("kind"), text: value("text") };
        ["label", "confidence", "source", "quote"].forEach(function (k) { if (value(k).trim()) { node[k] = value(k); } });
        if (sel !== null && value("relation")) { node[value("relation")] = sel; }
        run(api.add(node), "Added.");
      } else if (mode === "edit") {
        var row = rows[sel], fields = {}, old = {
          kind: KINDS[row[1]].kind, text: row[5], label: own[sel],
          confidence: row[6] !== undefined && row[6] >= 0 ? CONF[row[6]].level : "",
          source: row[7] == null ? "" : row[7], quote: row[8] == null ? "" : row[8], note: row[10] == null ? "" : row[10]
        };
        Object.keys(old).forEach(function (k) {
          var v = value(k);
          if (v !== old[k]) { fields[k] = (v === "" && k !== "text") ? null : v; }
        });
        if (!Object.keys(fields).length) { closeForm(); say("Nothing changed.", ""); return; }
        run(api.update(sel, fields), "Saved.");
      } else if (mode === "link") {
        run(api.link(sel, value("target"), value("relation")), "Linked.");
      } else if (mode === "unlink") {
        var pair = value("target").split("\n");
        run(api.unlink(pair[0], pair[1]), "Unlinked.");
      }
    }
    form.addEventListener("submit", function (ev) { ev.preventDefault(); submit(); });
    form.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") { ev.preventDefault(); ev.stopPropagation(); closeForm(); say("", ""); }
      else if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); submit(); }
    });
    function removeSelected() {
      var sel = a.selected();
      if (sel === null) { say("Select a statement first.", "error"); return; }
      run(api.remove(sel), "Removed \u201c" + labelOf(sel) + "\u201d. Undo brings it back (Ctrl+Z).");
    }

    // drawing a link with the mouse: vis-network's own edge mode, saved through the API
    var drawing = false;
    function startDrawing() {
      if (drawing) { stopDrawing(); say("", ""); return; }
      drawing = true;
      buttons.draw.setAttribute("aria-pressed", "true");
      say("Drag from one statement to another to link them (Escape cancels).", "");
      a.network.addEdgeMode();
    }
    function stopDrawing() {
      drawing = false;
      buttons.draw.setAttribute("aria-pressed", "false");
      a.network.disableEditMode();
    }
    a.network.setOptions({ manipulation: { enabled: false, addEdge: function (edge, callback) {
      callback(null);  // the map redraws from the file, not from vis-network's guess
      stopDrawing();
      var from = a.idOf(edge.from), to = a.idOf(edge.to);
      if (from === to) { say("A statement cannot be linked to itself.", "error"); return; }
      var relation = /^(objection|rebuttal)$/.test(kindOf(from)) ? "attacks" : "supports";
      run(api.link(from, to, relation), "Linked.");
    } } });

    // keys: Ctrl+Z / Ctrl+Shift+Z (Ctrl+Y) anywhere but in a text field; letters when nothing is typed
    function typing(t) { return t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable); }
    doc.addEventListener("keydown", function (ev) {
      if (typing(ev.target)) { return; }
      var key = ev.key.toLowerCase();
      if ((ev.ctrlKey || ev.metaKey) && !ev.altKey) {
        if (key === "z" && !ev.shiftKey) { ev.preventDefault(); buttons.undo.click(); }
        else if ((key === "z" && ev.shiftKey) || key === "y") { ev.preventDefault(); buttons.redo.click(); }
        return;
      }
      if (ev.altKey || ev.defaultPrevented) { return; }
      if (key === "escape" && drawing) { stopDrawing(); say("", ""); return; }
      if (key === "a") { ev.preventDefault(); openForm("add"); }
      else if (key === "f2") { ev.preventDefault(); openForm("edit"); }
      else if (key === "l") { ev.preventDefault(); openForm("link"); }
      else if (key === "u") { ev.preventDefault(); openForm("unlink"); }
      else if (key === "delete") { ev.preventDefault(); removeSelected(); }
    });
    var keys = doc.querySelector("#sec-keys dl");
    if (keys) {
      [["A, F2, L, U", "add a statement; edit, link or unlink the selected one"], ["Delete", "remove the selected statement"],
        ["Ctrl+Z, Ctrl+Shift+Z", "undo, redo"], ["Ctrl+Enter", "save the open form; Escape closes it"]].forEach(function (k) {
        keys.appendChild(el("dt", null, k[0])); keys.appendChild(el("dd", null, k[1]));
      });
    }

    try {
      var saved = sessionStorage.getItem(FLASH);
      sessionStorage.removeItem(FLASH);
      if (saved) { var f = JSON.parse(saved); say(f.text, f.kind); }
    } catch (err) { /* ignore */ }
    unstashForm();
  }

  ready(function (a) {
    a.edit = api;
    // the edit bar lives in the side panel: open it on a first visit (later ones keep the reader's
    // choice in the URL hash) and fit the map to the narrower room
    if (a.showPanel && !/(^#|&)panel=/.test(location.hash) && doc.body.classList.contains("panel-closed")) {
      a.showPanel(true);
      if (a.fit) { a.fit(); }
    }
    build(a);
    doc.body.setAttribute("data-editing", "1");
  });
})();
