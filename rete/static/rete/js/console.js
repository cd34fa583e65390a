// The 1522 console: keyboard shortcuts, running timers, the comune combobox, and the parts
// of the classification asked only of victims. No inline script: the page's policy forbids it.
(function () {
  "use strict";

  // --- timers: "m:ss" (or "h:mm:ss") since the ISO instant in data-timer-since, on the
  // server's clock: the page carries the server's time, so a workstation whose clock is
  // off does not shorten or lengthen a hold.
  var clock = document.querySelector("[data-server-now]");
  var skew = clock ? Date.parse(clock.dataset.serverNow) - Date.now() : 0;
  if (isNaN(skew)) { skew = 0; }
  function pad(n) { return n < 10 ? "0" + n : String(n); }
  function elapsed(since) {
    var seconds = Math.max(0, Math.floor((Date.now() + skew - since) / 1000));
    var h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    return h ? h + ":" + pad(m) + ":" + pad(s) : m + ":" + pad(s);
  }
  function tick() {
    document.querySelectorAll("[data-timer-since]").forEach(function (el) {
      var since = Date.parse(el.dataset.timerSince);
      if (!isNaN(since)) { el.textContent = elapsed(since); }
    });
  }
  tick();
  setInterval(tick, 1000);

  // --- shortcuts: Alt + a letter or digit clicks (or focuses) the element that declares it
  function keyName(event) {
    if (/^Key[A-Z]$/.test(event.code)) { return event.code.slice(3).toLowerCase(); }
    if (/^Digit[0-9]$/.test(event.code)) { return event.code.slice(5); }
    return null;
  }
  document.addEventListener("keydown", function (event) {
    if (!event.altKey || event.ctrlKey || event.metaKey) { return; }
    var key = keyName(event);
    if (!key) { return; }
    var target = Array.prototype.find.call(
      document.querySelectorAll('[data-shortcut="alt+' + key + '"]'),
      function (el) { return !el.disabled && el.offsetParent !== null; }
    );
    if (!target) { return; }
    event.preventDefault();
    if ("focusOnly" in target.dataset) { target.focus(); return; }
    // A part swapped in a moment ago may not be wired by htmx yet: wire it first, so that
    // the click goes through htmx and never as a plain form submission.
    var form = target.closest("form");
    if (form && window.htmx) { htmx.process(form); }
    target.click();
  });

  // --- comune combobox: type, move with the arrows, Enter or click chooses and routes
  function options() {
    return Array.prototype.slice.call(
      document.querySelectorAll("#comune-options [role=option][data-code]")
    );
  }
  function setActive(input, index) {
    var list = options();
    list.forEach(function (el, i) {
      el.setAttribute("aria-selected", i === index ? "true" : "false");
      el.classList.toggle("active", i === index);
    });
    if (index >= 0 && list[index]) {
      input.setAttribute("aria-activedescendant", list[index].id);
      list[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }
  function activeIndex() {
    return options().findIndex(function (el) { return el.getAttribute("aria-selected") === "true"; });
  }
  function closeList(input) {
    var box = document.getElementById("comune-options");
    if (box) { box.innerHTML = ""; }
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }
  function choose(code, name) {
    var input = document.getElementById("comune-input");
    var hidden = document.getElementById("comune-code");
    var form = document.getElementById("route-form");
    if (!input || !hidden || !form) { return; }
    input.value = name;
    hidden.value = code;
    closeList(input);
    var suggestion = document.querySelector("[data-suggest-code]");
    if (suggestion) { suggestion.remove(); }
    htmx.trigger(form, "submit");
  }
  document.addEventListener("keydown", function (event) {
    var input = event.target;
    if (!input || input.id !== "comune-input") { return; }
    var list = options();
    var index = activeIndex();
    if (event.key === "ArrowDown" && list.length) {
      event.preventDefault();
      setActive(input, Math.min(index + 1, list.length - 1));
    } else if (event.key === "ArrowUp" && list.length) {
      event.preventDefault();
      setActive(input, Math.max(index - 1, 0));
    } else if (event.key === "Enter") {
      event.preventDefault();
      var picked = list[index >= 0 ? index : 0];
      if (picked) { choose(picked.dataset.code, picked.dataset.name); }
    } else if (event.key === "Escape") {
      closeList(input);
    }
  });
  document.addEventListener("click", function (event) {
    var option = event.target.closest && event.target.closest("#comune-options [data-code]");
    if (option) { choose(option.dataset.code, option.dataset.name); return; }
    var suggestion = event.target.closest && event.target.closest("[data-suggest-code]");
    if (suggestion) { choose(suggestion.dataset.suggestCode, suggestion.dataset.suggestName); }
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.target.id === "comune-options") {
      var input = document.getElementById("comune-input");
      if (input) {
        input.setAttribute("aria-expanded", options().length ? "true" : "false");
        setActive(input, options().length ? 0 : -1);
      }
    }
    applyVictimsOnly();
    tick();
  });
  // The route form is submitted only with a chosen comune, never with the typed text alone.
  document.addEventListener("htmx:confirm", function (event) {
    if (event.target.id === "route-form" && !document.getElementById("comune-code").value) {
      event.preventDefault();
    }
  });
  document.addEventListener("input", function (event) {
    if (event.target.id === "comune-input") {
      var hidden = document.getElementById("comune-code");
      if (hidden) { hidden.value = ""; }
    }
  });

  // --- classification: questions for victims only while the caller is the victim of a
  // valid contact; hidden questions are disabled so that they are not sent.
  function checkedValue(name) {
    var el = document.querySelector('.classification-form input[name="' + name + '"]:checked');
    return el ? el.value : null;
  }
  function applyVictimsOnly() {
    var form = document.querySelector(".classification-form");
    if (!form) { return; }
    var validity = checkedValue("validity");
    var invalid = validity !== null && validity !== "valid";
    var victim = checkedValue("caller_type") === "victim" && !invalid;
    form.querySelectorAll(".classification-group").forEach(function (group) {
      var list = group.dataset.list;
      var show = list === "validity" || (!invalid && (!("victimsOnly" in group.dataset) || victim));
      group.hidden = !show;
      group.disabled = !show;
    });
  }
  document.addEventListener("change", function (event) {
    if (event.target.closest && event.target.closest(".classification-form")) { applyVictimsOnly(); }
  });
  applyVictimsOnly();

  // --- errors the server could not show in place
  function showError(text) {
    var box = document.getElementById("console-error");
    if (!box) { return; }
    box.textContent = text;
    box.hidden = false;
  }
  document.addEventListener("htmx:responseError", function (event) {
    var box = document.getElementById("console-error");
    if (!box) { return; }
    var status = event.detail.xhr.status;
    showError(status === 403 ? box.dataset.forbidden : box.dataset.failed);
  });
  document.addEventListener("htmx:sendError", function () {
    var box = document.getElementById("console-error");
    if (box) { showError(box.dataset.offline); }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var box = document.getElementById("console-error");
    if (box && event.detail.successful) { box.hidden = true; }
  });
})();
