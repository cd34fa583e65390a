// The service finder: the comune autocomplete (an ARIA combobox over /api/v1/comuni) and
// "use my position". The page works without this script: the comune is then resolved on the
// server, and the position button stays hidden.
//
// The position is rounded to 3 decimals (about 100 m) and sent by POST to this site only:
// it never goes into a URL or the history, and the results are swapped into the page.
(function () {
  "use strict";
  var form = document.querySelector("[data-finder-form]");
  if (!form) { return; }
  var status = document.getElementById("finder-status");
  var MIN_QUERY = 2;
  var DELAY_MS = 150;

  function say(text) {
    if (!status || !text) { return; }
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }
  function message(name) { return form.getAttribute("data-msg-" + name) || ""; }

  // --- comune combobox -------------------------------------------------------------------
  var input = form.querySelector("#finder-comune");
  var hidden = form.querySelector("#finder-comune-code");
  var listbox = form.querySelector("#finder-comune-options");
  if (input && hidden && listbox && window.fetch) {
    var timer = null;
    var latest = 0;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);

    var options = function () {
      return Array.prototype.slice.call(listbox.querySelectorAll("[role=option]"));
    };
    var activeIndex = function () {
      return options().findIndex(function (el) { return el.getAttribute("aria-selected") === "true"; });
    };
    var setActive = function (index) {
      options().forEach(function (el, i) {
        el.setAttribute("aria-selected", i === index ? "true" : "false");
        el.classList.toggle("active", i === index);
      });
      var active = options()[index];
      if (active) {
        input.setAttribute("aria-activedescendant", active.id);
        active.scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    };
    var close = function () {
      listbox.innerHTML = "";
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    };
    var show = function (comuni) {
      listbox.innerHTML = "";
      comuni.forEach(function (comune, i) {
        var option = document.createElement("li");
        option.id = "finder-comune-option-" + i;
        option.className = "list-group-item";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.code = comune.code;
        option.dataset.name = comune.name;
        option.textContent = comune.name + " (" + comune.province + ")";
        listbox.appendChild(option);
      });
      var any = comuni.length > 0;
      listbox.hidden = !any;
      input.setAttribute("aria-expanded", any ? "true" : "false");
      say(any ? message("comuni-found").replace("%(count)s", comuni.length) : message("no-comuni"));
    };
    var choose = function (option) {
      input.value = option.dataset.name;
      hidden.value = option.dataset.code;
      close();
    };
    var search = function () {
      var query = input.value.trim();
      if (query.length < MIN_QUERY) { close(); return; }
      var ticket = ++latest;
      var url = form.getAttribute("data-comuni-url") + "?q=" + encodeURIComponent(query);
      fetch(url, { headers: { Accept: "application/json" }, credentials: "omit" })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (comuni) { if (ticket === latest) { show(comuni); } })
        .catch(function () { if (ticket === latest) { close(); } });
    };

    input.addEventListener("input", function () {
      hidden.value = "";  // the typed text no longer names the chosen comune
      window.clearTimeout(timer);
      timer = window.setTimeout(search, DELAY_MS);
    });
    input.addEventListener("keydown", function (event) {
      var list = options();
      var index = activeIndex();
      if (event.key === "ArrowDown" && list.length) {
        event.preventDefault();
        listbox.hidden = false;
        input.setAttribute("aria-expanded", "true");
        setActive(Math.min(index + 1, list.length - 1));
      } else if (event.key === "ArrowUp" && list.length) {
        event.preventDefault();
        setActive(Math.max(index - 1, 0));
      } else if (event.key === "Enter" && !listbox.hidden && index >= 0) {
        event.preventDefault();  // choose the comune; the next Enter searches
        choose(list[index]);
      } else if (event.key === "Escape" && !listbox.hidden) {
        close();
      } else if (event.key === "Tab") {
        close();
      }
    });
    // mousedown, not click: the input keeps the focus.
    listbox.addEventListener("mousedown", function (event) {
      var option = event.target.closest && event.target.closest("[role=option]");
      if (!option) { return; }
      event.preventDefault();
      choose(option);
    });
    input.addEventListener("blur", close);
  }

  // --- use my position -------------------------------------------------------------------
  var button = form.querySelector("[data-finder-position]");
  var help = form.querySelector("[data-finder-position-help]");
  var results = document.getElementById("finder-results");
  if (!button || !results || !navigator.geolocation || !window.fetch || !window.FormData) { return; }
  button.hidden = false;
  if (help) { help.hidden = false; }

  function filters(body) {
    ["kind", "language"].forEach(function (name) {
      var field = form.elements[name];
      if (field && field.value) { body.append(name, field.value); }
    });
    var open = form.elements.open_now;
    if (open && open.checked) { body.append("open_now", "1"); }
    return body;
  }
  function located(position) {
    var body = filters(new FormData());
    body.append("latitude", position.coords.latitude.toFixed(3));
    body.append("longitude", position.coords.longitude.toFixed(3));
    fetch(form.getAttribute("data-position-url"), {
      method: "POST", body: body, credentials: "omit", cache: "no-store",
      headers: { Accept: "text/html" }
    })
      .then(function (response) {
        if (!response.ok && response.status !== 400) { throw new Error(String(response.status)); }
        return response.text().then(function (html) { return { ok: response.ok, html: html }; });
      })
      .then(function (answer) {
        results.innerHTML = answer.html;
        document.dispatchEvent(new CustomEvent("finder:results"));
        var title = document.getElementById("finder-results-title");
        if (title) { title.setAttribute("tabindex", "-1"); title.focus(); }
        say(answer.ok ? message("loaded") : "");
      })
      .catch(function () { say(message("failed")); })
      .then(function () { button.disabled = false; });
  }
  function failed(error) {
    button.disabled = false;
    say(error && error.code === 1 ? message("denied") : message("unavailable"));
  }
  button.addEventListener("click", function () {
    button.disabled = true;
    say(message("locating"));
    navigator.geolocation.getCurrentPosition(located, failed, {
      enableHighAccuracy: false, timeout: 15000, maximumAge: 300000
    });
  });
})();
