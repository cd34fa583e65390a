// Quick exit and a history that keeps no trace of the site.
//
// - The "Quick exit" control and Esc pressed twice leave for a neutral site at once: the page
//   is hidden first, then the current history entry is replaced, so Back does not return here.
// - Every move inside the site (links, GET forms) replaces the current entry instead of adding
//   one: however many pages she read, the site holds one entry of the history, the one the
//   quick exit replaces.
// Loaded in <head>: the keys work before the page has finished loading.
(function () {
  "use strict";
  var root = document.documentElement;
  var exitUrl = root.getAttribute("data-quick-exit-url") || "https://www.google.it/";
  var lastEscape = 0;
  var ESCAPE_WINDOW_MS = 1500;

  function leave(event) {
    if (event) { event.preventDefault(); }
    root.classList.add("leaving");
    try { document.title = ""; } catch (e) { /* nothing to do */ }
    window.location.replace(exitUrl);
  }

  function sameOrigin(url) {
    try { return new URL(url, window.location.href).origin === window.location.origin; }
    catch (e) { return false; }
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var now = Date.now();
    if (now - lastEscape <= ESCAPE_WINDOW_MS) { leave(event); return; }
    lastEscape = now;
  }, true);

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) { return; }
    if (target.closest("[data-quick-exit]")) { leave(event); return; }
    var link = target.closest("a[href]");
    if (!link || event.defaultPrevented || event.button !== 0) { return; }
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) { return; }
    if (link.hasAttribute("download") || (link.target && link.target !== "_self")) { return; }
    var href = link.getAttribute("href");
    if (!href || href.charAt(0) === "#" || !sameOrigin(link.href)) { return; }
    if (link.protocol !== "http:" && link.protocol !== "https:") { return; }
    event.preventDefault();
    window.location.replace(link.href);
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || event.defaultPrevented) { return; }
    if ((form.getAttribute("method") || "get").toLowerCase() !== "get") { return; }
    if (!sameOrigin(form.action)) { return; }
    var params = new URLSearchParams();
    new FormData(form, event.submitter || undefined).forEach(function (value, name) {
      if (typeof value === "string") { params.append(name, value); }
    });
    var url = new URL(form.action, window.location.href);
    url.search = params.toString();
    event.preventDefault();
    window.location.replace(url.toString());
  });
})();
