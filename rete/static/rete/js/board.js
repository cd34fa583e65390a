/*
 * The supervisor's live board (rete.helpline.board). The page is complete as served; this
 * script keeps it current without reloading:
 * - a WebSocket to the path in data-socket-path receives the whole board region, as
 *   {"type": "board", "html": "..."}, at connection and after every change, and replaces it;
 * - when the connection drops it reconnects with a growing delay (1 s, 2 s, 4 s ... 30 s);
 * - every second the elapsed times are recomputed from the instants in data-since, against
 *   the server's clock (data-now of the board region) so a wrong clock on this computer
 *   does not skew them;
 * - new emergencies, and changes of the counts, are announced in the polite live region;
 *   the board itself is no live region, or each tick of the clocks would be read out.
 * Every text shown or announced comes translated from the server, in data attributes.
 */
(function () {
  "use strict";

  var board = document.querySelector("[data-board]");
  if (!board || !("WebSocket" in window)) {
    return;
  }
  var status = document.querySelector("[data-board-connection]");
  var announcer = document.querySelector("[data-board-announcer]");
  var MAX_DELAY_MS = 30000;
  var clockOffsetMs = 0;
  var failures = 0;
  var wasLive = false;
  var known = snapshot();

  function socketUrl() {
    var scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
    return scheme + "//" + window.location.host + board.dataset.socketPath;
  }

  function setStatus(state) {
    if (!status) {
      return;
    }
    status.dataset.boardConnection = state;
    status.textContent = board.dataset["text" + state.charAt(0).toUpperCase() + state.slice(1)] || "";
    status.classList.toggle("text-danger", state === "offline");
  }

  function announce(text) {
    if (!announcer || !text) {
      return;
    }
    // A fresh text node, so that the same words twice are read twice.
    announcer.textContent = "";
    window.setTimeout(function () {
      announcer.textContent = text;
    }, 100);
  }

  function syncClock() {
    var content = board.querySelector("[data-board-content]");
    var serverNow = content ? Date.parse(content.dataset.now) : NaN;
    clockOffsetMs = isNaN(serverNow) ? 0 : serverNow - Date.now();
  }

  function stopwatch(totalSeconds) {
    var hours = Math.floor(totalSeconds / 3600);
    var minutes = Math.floor((totalSeconds % 3600) / 60);
    var seconds = totalSeconds % 60;
    var mm = hours ? String(minutes).padStart(2, "0") : String(minutes);
    var text = mm + ":" + String(seconds).padStart(2, "0");
    return hours ? hours + ":" + text : text;
  }

  function tick() {
    var now = Date.now() + clockOffsetMs;
    board.querySelectorAll("[data-since]").forEach(function (element) {
      var since = Date.parse(element.dataset.since);
      if (isNaN(since)) {
        return;
      }
      var seconds = Math.max(0, Math.floor((now - since) / 1000));
      element.textContent = stopwatch(seconds);
      element.setAttribute("datetime", "PT" + seconds + "S");
    });
  }

  function snapshot() {
    var summary = board.querySelector("[data-board-summary]");
    var emergencies = {};
    board.querySelectorAll("[data-emergency]").forEach(function (element) {
      emergencies[element.dataset.emergency] = element.dataset.announce || "";
    });
    return {
      summary: summary ? summary.textContent.replace(/\s+/g, " ").trim() : "",
      emergencies: emergencies,
    };
  }

  function announceChanges(previous, current) {
    var news = Object.keys(current.emergencies)
      .filter(function (key) {
        return !(key in previous.emergencies);
      })
      .map(function (key) {
        return current.emergencies[key];
      });
    if (news.length) {
      announce(news.concat([current.summary]).join(" "));
    } else if (current.summary !== previous.summary) {
      announce(current.summary);
    }
  }

  function replaceBoard(html) {
    board.innerHTML = html;
    board.dataset.updates = String(Number(board.dataset.updates || 0) + 1);
    syncClock();
    tick();
    var current = snapshot();
    announceChanges(known, current);
    known = current;
  }

  function connect() {
    setStatus(wasLive || failures ? "offline" : "connecting");
    var socket = new WebSocket(socketUrl());
    socket.addEventListener("open", function () {
      failures = 0;
      if (wasLive) {
        announce(board.dataset.textLive);
      }
      wasLive = true;
      setStatus("live");
    });
    socket.addEventListener("message", function (event) {
      var message;
      try {
        message = JSON.parse(event.data);
      } catch (error) {
        return;
      }
      if (message && message.type === "board" && typeof message.html === "string") {
        replaceBoard(message.html);
      }
    });
    socket.addEventListener("close", function () {
      if (status && status.dataset.boardConnection === "live") {
        announce(board.dataset.textOffline);
      }
      setStatus("offline");
      var delay = Math.min(MAX_DELAY_MS, 1000 * Math.pow(2, failures));
      failures += 1;
      // A little randomness, so that boards cut off together do not all come back at once.
      window.setTimeout(connect, delay + Math.floor(Math.random() * 500));
    });
  }

  syncClock();
  window.setInterval(tick, 1000);
  connect();
})();
