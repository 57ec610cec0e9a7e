/* argmap page, served by `argmap watch` / `argmap serve`: follows the server's new versions.
 *
 * Only in a page the local server sends (writers/html.py adds it when RenderOptions.live is set);
 * a rendered file never has it. It uses the app only through window.argmap. On a new good version
 * the page saves its selection, focus, view and camera in sessionStorage and reloads; the new page
 * puts them back. A broken version shows every error over the last good map until a good one comes.
 * Text from the server reaches the document only through textContent.
 */
(function () {
  "use strict";

  var doc = document;
  var holder = doc.getElementById("argmap-live");
  if (!holder) { return; }
  var config = JSON.parse(holder.textContent);
  var KEY = "argmap-live:" + location.pathname;
  var holds = 0, wanted = false, banner = null, status = null;

  function el(tag, cls, text) {
    var node = doc.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  var css = el("style");
  css.textContent =
    ".live-banner { flex-basis: 100%; order: 4; margin: 4px 0 2px; padding: 6px 10px; border-radius: 4px;" +
    " background: #fff0ee; color: #5a1200; border: 2px solid #D55E00; font-size: .9rem; }" +
    ".live-banner p { margin: 0 0 4px; font-weight: 600; } .live-banner ul { margin: 0; padding-left: 1.2em; }" +
    "[data-theme=dark] .live-banner { background: #3a1a10; color: #ffd9cc; }" +
    ".live-banner code { white-space: pre-wrap; word-break: break-word; }" +
    ".live-status { position: fixed; right: 8px; bottom: 6px; z-index: 5; padding: 1px 6px; border-radius: 3px;" +
    " background: var(--panel); border: 1px solid var(--line); font-size: .8rem; color: var(--muted); } .live-status.off { color: #D55E00; font-weight: 600; }";
  doc.head.appendChild(css);

  /* Call fn once the app has started (big pages unpack their data first). */
  function ready(fn) {
    if (window.argmap && window.argmap.network) { fn(window.argmap); return; }
    setTimeout(function () { ready(fn); }, 30);
  }
  function relayout() { window.dispatchEvent(new Event("resize")); }

  // -- what to keep across a reload ----------------------------------------------------------------
  function saveState(extra) {
    var a = window.argmap;
    if (!a || !a.network) { return; }
    var state = {
      selected: a.selected(), focus: a.focusPath(), view: doc.body.getAttribute("data-view") || "map",
      position: a.network.getViewPosition(), scale: a.network.getScale()
    };
    if (extra && extra.select !== undefined) { state.selected = extra.select; }
    try { sessionStorage.setItem(KEY, JSON.stringify(state)); } catch (err) { /* private mode: start fresh */ }
  }
  function restoreState(a) {
    var text = null;
    try { text = sessionStorage.getItem(KEY); sessionStorage.removeItem(KEY); } catch (err) { return; }
    if (!text) { return; }
    var state = JSON.parse(text), known = {};
    a.data.nodes.forEach(function (row) { known[row[0]] = true; });
    (state.focus || []).forEach(function (id) { if (known[id]) { a.focus(id); } });
    if (state.view && state.view !== "map") { a.showView(state.view); }
    if (state.selected && known[state.selected]) { a.select(state.selected, { noEssayScroll: true }); }
    if (state.position && state.scale) {
      a.network.moveTo({ position: state.position, scale: state.scale, animation: false });
    }
  }

  /* Reload now, unless edits are on their way (then once the last one has settled). */
  function reload(extra) {
    if (extra) { saveState(extra); wanted = "saved"; } else if (!wanted) { wanted = true; }
    if (holds > 0) { doc.body.setAttribute("data-live-waiting", "1"); return; }
    setTimeout(function () {
      if (holds > 0 || !wanted) { return; }
      if (wanted !== "saved") { saveState(); }
      wanted = false;
      location.reload();
    }, 0);
  }
  function hold() { holds += 1; }
  function release() { holds = Math.max(0, holds - 1); if (!holds && wanted) { reload(); } }

  // -- errors of a broken save --------------------------------------------------------------------
  function showErrors(errors) {
    if (!errors || !errors.length) {
      if (banner) { banner.remove(); banner = null; relayout(); }
      doc.body.removeAttribute("data-live-errors");
      return;
    }
    if (!banner) {
      banner = el("div", "live-banner");
      banner.id = "live-errors";
      banner.setAttribute("role", "alert");
      doc.querySelector(".bar").appendChild(banner);
    }
    banner.textContent = "";
    banner.appendChild(el("p", null, (errors.length === 1 ? "The last save has an error" :
      "The last save has " + errors.length + " errors") + "; the map below is the last good version."));
    var list = el("ul");
    errors.forEach(function (d) {
      var item = el("li");
      item.appendChild(el("code", null, d.path + ":" + d.line + ":" + d.column + ": " + d.code + " " + d.message));
      list.appendChild(item);
    });
    banner.appendChild(list);
    doc.body.setAttribute("data-live-errors", String(errors.length));
    relayout();
  }

  function onState(state) {
    doc.body.setAttribute("data-live-version", String(state.version));
    if (!state.ok) { showErrors(state.errors); return; }
    if (state.version > config.version && state.digest !== "") { reload(); return; }
    showErrors([]);
  }

  function connect() {
    status = el("span", "live-status", config.mode === "serve" ? "editing" : "live");
    status.id = "live-status";
    status.setAttribute("role", "status");
    doc.body.appendChild(status);  // fixed in a corner: the map keeps its size
    var source = new EventSource("/events?token=" + encodeURIComponent(config.token));
    source.addEventListener("version", function (ev) { onState(JSON.parse(ev.data)); });
    source.addEventListener("open", function () {
      status.textContent = config.mode === "serve" ? "editing" : "live";
      status.classList.remove("off");
    });
    source.addEventListener("error", function () {
      status.textContent = "not connected: is argmap " + config.mode + " still running?";
      status.classList.add("off");
    });
  }

  ready(function (a) {
    a.live = { config: config, reload: reload, hold: hold, release: release, saveState: saveState,
      showErrors: showErrors, version: function () { return config.version; } };
    if (doc.body.hasAttribute("data-drawn")) { restoreState(a); }
    else { a.network.once("afterDrawing", function () { restoreState(a); }); }
    connect();
    doc.body.setAttribute("data-live", config.mode);
  });
})();
