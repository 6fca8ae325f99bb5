/* Answer forms: a countdown against the round's budget, and drafts saved as you type,
   to the server (POST /api/v1/drafts) and to this browser's localStorage, so a closed tab
   loses nothing. Without JavaScript the form still works; the answer is saved on submit. */
(function () {
  "use strict";

  function clock(seconds) {
    var s = Math.abs(Math.round(seconds));
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }

  function now() { return new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" }); }

  function readLocal(key) {
    try { return JSON.parse(window.localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }

  function writeLocal(key, value) {
    try { window.localStorage.setItem(key, JSON.stringify(value)); return true; } catch (e) { return false; }
  }

  function announce(form, message) {
    var live = form.querySelector("[data-announce]");
    if (!live) {
      live = document.createElement("p");
      live.className = "visually-hidden";
      live.setAttribute("role", "status");
      live.setAttribute("aria-live", "assertive");
      live.setAttribute("data-announce", "");
      form.appendChild(live);
    }
    live.textContent = message;
  }

  function setupForm(form) {
    var payload = JSON.parse(form.getAttribute("data-autosave") || "{}");
    var textarea = form.querySelector("textarea[name=answer]");
    var custom = form.querySelector("[data-custom-question]");
    var draftInput = form.querySelector("[data-draft-id]");
    var elapsedInput = form.querySelector("[data-elapsed]");
    var status = form.querySelector("[data-save-status]");
    var words = form.querySelector("[data-word-count]");
    var key = "loopcoach:draft:" + (payload.parent_id ? "follow-up:" + payload.parent_id
      : payload.custom ? "custom" : "q:" + payload.question_id);
    var hasError = form.querySelector(".alert--error") !== null;
    var local = readLocal(key);

    // Put back what this browser kept, if the server had nothing to show.
    if (local && local.pending && !hasError) { local = null; window.localStorage.removeItem(key); }
    if (local && local.text && local.text.trim() && !textarea.value.trim()) {
      textarea.value = local.text;
      var note = document.querySelector("[data-restored-note]");
      if (note) {
        note.textContent = "Restored the draft this browser kept at " + (local.savedAt || "an earlier time") + ".";
        note.hidden = false;
      }
    }

    function countWords() {
      var n = textarea.value.trim() ? textarea.value.trim().split(/\s+/).length : 0;
      if (words) words.textContent = n.toLocaleString("en") + (n === 1 ? " word" : " words");
    }

    // -- the countdown ------------------------------------------------------------
    var budget = parseFloat(form.getAttribute("data-budget")) || 0;
    var timer = form.querySelector("[data-timer]");
    var value = form.querySelector("[data-timer-value]");
    var label = timer ? timer.querySelector(".timer__label") : null;
    var toggle = form.querySelector("[data-timer-toggle]");
    var elapsed = parseFloat(form.getAttribute("data-elapsed")) || 0;
    if (!elapsed && local && local.elapsed && !local.pending) elapsed = local.elapsed;
    var running = true;
    var warned = {};

    function renderTimer() {
      if (!value) return;
      if (!budget) { value.textContent = clock(elapsed); if (label) label.textContent = "Time used"; return; }
      var left = budget - elapsed;
      timer.classList.toggle("is-low", left >= 0 && left < budget * 0.2);
      timer.classList.toggle("is-over", left < 0);
      if (left >= 0) { label.textContent = running ? "Time left" : "Paused, time left"; value.textContent = clock(left); }
      else { label.textContent = "Over time by"; value.textContent = clock(-left); }
      if (left <= 60 && left > 0 && !warned.minute) { warned.minute = true; announce(form, "One minute left."); }
      if (left <= 0 && !warned.up) { warned.up = true; announce(form, "Time is up. You can still finish and submit."); }
    }

    setInterval(function () {
      if (!running || document.hidden) return;
      elapsed += 1;
      if (elapsedInput) elapsedInput.value = String(elapsed);
      renderTimer();
    }, 1000);
    if (toggle) {
      toggle.addEventListener("click", function () {
        running = !running;
        toggle.textContent = running ? "Pause" : "Resume";
        toggle.setAttribute("aria-pressed", running ? "false" : "true");
        renderTimer();
      });
    }

    // -- drafts -----------------------------------------------------------------------
    var pending = null;
    var inFlight = false;

    function keepLocally() {
      writeLocal(key, { text: textarea.value, draftId: draftInput.value || null, elapsed: elapsed, savedAt: now() });
    }

    function saveToServer(retried) {
      pending = null;
      if (inFlight) { pending = setTimeout(saveToServer, 400); return; }
      if (!textarea.value.trim() && !draftInput.value) return;
      var fields = {};
      if (custom) {
        // A question of your own is filed under what the form says now; none yet, no draft yet.
        fields = { track: form.elements.track.value, round: form.elements.round.value, question: form.elements.question.value };
        if (!fields.question.trim() || !fields.round) { status.textContent = "Kept in this browser at " + now() + "; paste the question to save a draft."; return; }
      }
      inFlight = true;
      var body = Object.assign({}, payload, fields, { answer: textarea.value, draft_id: draftInput.value ? parseInt(draftInput.value, 10) : null });
      delete body.custom;
      fetch("/api/v1/drafts", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) })
        .then(function (r) {
          if ((r.status === 400 || r.status === 404) && draftInput.value && !retried) {
            draftInput.value = ""; inFlight = false; return saveToServer(true);
          }
          if (!r.ok) throw new Error(String(r.status));
          return r.json().then(function (data) {
            if (data.draft_id) draftInput.value = String(data.draft_id);
            keepLocally();
            status.textContent = "Draft saved at " + now() + ".";
          });
        })
        .catch(function () { status.textContent = "Kept in this browser at " + now() + "; the server did not answer."; })
        .then(function () { inFlight = false; });
    }

    textarea.addEventListener("input", function () {
      countWords();
      keepLocally();
      if (pending) clearTimeout(pending);
      pending = setTimeout(saveToServer, 700);
    });
    form.addEventListener("submit", function () {
      if (pending) clearTimeout(pending);
      if (elapsedInput) elapsedInput.value = String(elapsed);
      writeLocal(key, { text: textarea.value, draftId: draftInput.value || null, elapsed: elapsed, savedAt: now(), pending: true });
    });
    if (custom) {
      setupCustom(form, custom, function (seconds) {
        budget = seconds;
        var of = form.querySelector(".timer__budget");
        if (of) of.textContent = "of " + (seconds ? clock(seconds) : "–");
        renderTimer();
      });
    }
    countWords();
    renderTimer();
    // Text typed before this script ran (a slow machine, a fast typist) or put back from
    // this browser fired no input event here: save it now rather than at the next key.
    if (textarea.value.trim() && textarea.value !== textarea.defaultValue) {
      keepLocally();
      pending = setTimeout(saveToServer, 700);
    }
    if (hasError) { var box = form.querySelector("#form-error"); if (box) box.focus(); }
  }

  // A question of your own: the round select offers the chosen track's rounds only, and the
  // countdown follows the chosen round's budget.
  function setupCustom(form, box, setBudget) {
    var budgets = JSON.parse(box.getAttribute("data-budgets") || "{}");
    var track = form.elements.track;
    var round = form.elements.round;
    function sync(trackChanged) {
      var first = null;
      Array.prototype.forEach.call(round.querySelectorAll("optgroup"), function (g) {
        var show = g.getAttribute("data-track") === track.value;
        g.hidden = !show; g.disabled = !show;
        if (show && !first && g.querySelector("option")) first = g.querySelector("option").value;
      });
      var current = round.options[round.selectedIndex];
      if (trackChanged || !current || current.parentNode.disabled) round.value = first || "";
      setBudget((budgets[track.value] || {})[round.value] || 0);
    }
    track.addEventListener("change", function () { sync(true); });
    round.addEventListener("change", function () { sync(false); });
    sync(false);
  }

  // The practice chooser: show only the rounds of the chosen track.
  function setupChooser() {
    var form = document.querySelector(".choose-form");
    if (!form) return;
    var select = form.querySelector("#round");
    function sync() {
      var checked = form.querySelector("input[name=track]:checked");
      var label = checked ? checked.parentNode.querySelector(".radio-card__title").textContent : "";
      Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (g) {
        var show = g.label === label;
        g.hidden = !show; g.disabled = !show;
      });
      var current = select.options[select.selectedIndex];
      if (current && current.parentNode.disabled) select.value = "";
    }
    form.addEventListener("change", function (e) { if (e.target.name === "track") sync(); });
    sync();
  }

  document.querySelectorAll("form[data-autosave]").forEach(setupForm);
  setupChooser();
})();
