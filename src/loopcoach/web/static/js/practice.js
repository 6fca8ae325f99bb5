/* Answer forms: a countdown against the round's budget, and drafts saved as you type,
   to the server (POST /api/v1/drafts) and to this browser's localStorage, so a closed tab
   or a server that is down loses nothing. Without JavaScript the form still works; the
   answer is saved on submit.

   The local copy of a form's text lives under one key per question and kind of attempt
   (q:<id>, custom, follow-up:<parent id>). It stays until the server has confirmed that
   it holds that very text: a draft save that answered, or, after a submit, an attempt
   (not a draft) with that answer. When the page and the local copy disagree, the newer
   is shown and the other is one click away, never dropped. */
(function () {
  "use strict";

  var PREFIX = "loopcoach:draft:";
  var CUSTOM_FIELDS = ["track", "round", "question", "talking_points", "reference", "asks_for"];
  // Browsers refuse keepalive bodies over 64 KiB; a longer answer still has its local copy.
  var KEEPALIVE_BYTES = 60000;

  function clock(seconds) {
    var s = Math.abs(Math.round(seconds));
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }

  function now() { return new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" }); }

  // A form posts CRLF line ends and the server keeps what it got; compare text without them.
  function normal(text) { return String(text || "").replace(/\r\n?/g, "\n").trim(); }
  function same(a, b) { return normal(a) === normal(b); }

  function readLocal(key) {
    try { return JSON.parse(window.localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }

  function writeLocal(key, value) {
    try { window.localStorage.setItem(key, JSON.stringify(value)); return true; } catch (e) { return false; }
  }

  function removeLocal(key) {
    try { window.localStorage.removeItem(key); } catch (e) { /* storage refused: nothing kept */ }
  }

  // -- local copies ---------------------------------------------------------------------

  function keyOf(scope) {
    // The parent's uid too: SQLite may reuse a deleted attempt's id, never its uid.
    if (scope.parent_id) return PREFIX + "follow-up:" + scope.parent_id + (scope.parent_uid ? "@" + scope.parent_uid : "");
    if (scope.custom) return PREFIX + "custom";
    if (scope.question_id) return PREFIX + "q:" + scope.question_id;
    return null;
  }

  function scopeOfKey(key) {
    var rest = key.slice(PREFIX.length);
    if (rest.indexOf("follow-up:") === 0) return { parent_id: parseInt(rest.slice(10), 10) || null };
    if (rest === "custom") return { custom: true };
    if (rest.indexOf("q:") === 0) return { question_id: rest.slice(2) };
    return null;
  }

  // A local copy, in this version's shape; the older shape ({text, pending}) reads as unconfirmed.
  function readRecord(key) {
    var raw = readLocal(key);
    if (!raw || typeof raw !== "object" || typeof raw.text !== "string") return null;
    return {
      text: raw.text,
      at: Number(raw.at) || 0,
      savedAt: raw.savedAt || null,
      elapsed: Number(raw.elapsed) || 0,
      synced: raw.synced === true,
      submitted: raw.submitted === true || raw.pending === true,
      scope: raw.scope || scopeOfKey(key) || {},
      fields: raw.fields || null,
      other: raw.other && typeof raw.other.text === "string" ? raw.other : null
    };
  }

  function attemptsQuery(scope) {
    if (scope.parent_id) return "kind=follow_up&limit=200";
    if (scope.question_id) return "kind=main&limit=100&question_id=" + encodeURIComponent(scope.question_id);
    if (scope.track && scope.round) {
      return "kind=main&limit=100&track=" + encodeURIComponent(scope.track) + "&round=" + encodeURIComponent(scope.round);
    }
    return "kind=main&limit=100";
  }

  // Whether the server holds a submitted attempt (not a draft) with the local copy's text.
  function serverHasAttempt(record) {
    return fetch("/api/v1/attempts?" + attemptsQuery(record.scope), { headers: { Accept: "application/json" } })
      .then(function (r) {
        if (!r.ok) throw new Error(String(r.status));
        return r.json();
      })
      .then(function (data) {
        return (data.items || []).some(function (a) {
          return a.status !== "draft" && same(a.answer, record.text)
            && (!record.scope.parent_id || a.parent_id === record.scope.parent_id);
        });
      });
  }

  // Submitted answers of forms not on this page (the feedback page after a submit, the next
  // round of a loop): forget each local copy once the server shows the attempt.
  function settleSubmitted(skip) {
    var keys = [];
    try {
      for (var i = 0; i < window.localStorage.length; i++) {
        var k = window.localStorage.key(i);
        if (k && k.indexOf(PREFIX) === 0 && skip.indexOf(k) < 0) keys.push(k);
      }
    } catch (e) { return; }
    keys.forEach(function (key) {
      var record = readRecord(key);
      if (!record || !record.submitted) return;
      serverHasAttempt(record).then(function (held) {
        var still = readRecord(key);
        if (held && still && still.submitted && still.text === record.text) removeLocal(key);
      }, function () { /* not now; the next page asks again */ });
    });
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
    var key = keyOf({ question_id: payload.question_id, parent_id: payload.parent_id, parent_uid: payload.parent_uid, custom: payload.custom });
    var hasError = form.querySelector(".alert--error") !== null;

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
    var running = true;
    var warned = {};

    function renderTimer() {
      if (!value) return;
      if (!budget) {
        if (timer) timer.classList.remove("is-low", "is-over");
        value.textContent = clock(elapsed);
        if (label) label.textContent = running ? "Time used" : "Paused, time used";
        return;
      }
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

    // -- versions of the text: the page's, this browser's, the one offered -----------
    var record = null;  // this form's local copy, as last written
    var other = null;   // the version not shown, one click away
    // The server's own draft is confirmed text; a re-rendered form after an error is not.
    var confirmedText = !hasError && !custom && normal(textarea.defaultValue) ? textarea.defaultValue : null;

    function fieldsNow() {
      if (!custom) return null;
      var fields = {};
      CUSTOM_FIELDS.forEach(function (n) { if (form.elements[n]) fields[n] = form.elements[n].value; });
      return fields;
    }

    function scopeNow() {
      if (payload.parent_id) return { parent_id: payload.parent_id, parent_uid: payload.parent_uid };
      if (custom) return { custom: true, track: form.elements.track.value, round: form.elements.round.value };
      return { question_id: payload.question_id };
    }

    function version(text, fields, label) { return { text: text, fields: fields || null, label: label }; }

    function show(v) {
      textarea.value = v.text;
      if (custom && v.fields) {
        CUSTOM_FIELDS.forEach(function (n) {
          if (form.elements[n] && typeof v.fields[n] === "string") form.elements[n].value = v.fields[n];
        });
        form.elements.round.dispatchEvent(new Event("change"));
      }
      countWords();
    }

    function differs(v) {
      if (!v || !normal(v.text)) return false;
      if (!same(v.text, textarea.value)) return true;
      return !!(custom && v.fields && !same(v.fields.question, form.elements.question.value));
    }

    function keepLocally(submitted) {
      if (!key) return;
      record = {
        text: textarea.value, at: Date.now(), savedAt: now(), elapsed: elapsed, scope: scopeNow(),
        fields: fieldsNow(), submitted: !!submitted,
        synced: !submitted && confirmedText !== null && textarea.value === confirmedText,
        other: differs(other) ? other : null
      };
      writeLocal(key, record);
    }

    function markConfirmed(text) {
      confirmedText = text;
      if (record && record.text === text && !record.submitted && !record.synced) {
        record.synced = true;
        writeLocal(key, record);
      }
    }

    // -- the note above the form and its "Restore the other version" button -----------
    var note = null, noteText = null, swapButton = null;

    function tell(message) {
      if (!note) {
        note = form.parentNode.querySelector("[data-restored-note]");
        if (!note) {
          note = document.createElement("p");
          note.className = "alert alert--info";
          note.setAttribute("role", "status");
          note.setAttribute("data-restored-note", "");
          form.parentNode.insertBefore(note, form);
        }
        note.textContent = "";
        noteText = document.createElement("span");
        swapButton = document.createElement("button");
        swapButton.type = "button";
        swapButton.className = "btn btn--small";
        swapButton.setAttribute("data-restore-other", "");
        swapButton.textContent = "Restore the other version";
        swapButton.addEventListener("click", swap);
        note.appendChild(noteText);
        note.appendChild(document.createTextNode(" "));
      }
      noteText.textContent = message;
      offerSwap();
      note.hidden = false;
    }

    // In the page only while there is another version to go to (.btn's display beats hidden).
    function offerSwap() {
      var wanted = differs(other);
      if (wanted && !swapButton.parentNode) note.appendChild(swapButton);
      else if (!wanted && swapButton.parentNode) note.removeChild(swapButton);
    }

    function swap() {
      if (!other) return;
      var chosen = other;
      other = version(textarea.value, fieldsNow(), "the version you had on screen until " + now());
      show(chosen);
      keepLocally();
      scheduleSave(0);
      tell("Now showing " + chosen.label + ". The button brings back " + other.label + ".");
    }

    // -- saving to the server --------------------------------------------------------------
    var pending = null, inFlight = false, sending = null, submitting = false, unreachable = false;

    function scheduleSave(delay) {
      if (pending) clearTimeout(pending);
      pending = setTimeout(saveToServer, delay);
    }

    // Only the fields the API takes: the page's payload may carry more (the draft's time).
    function draftBody(text) {
      var body = { answer: text, draft_id: draftInput.value ? parseInt(draftInput.value, 10) : null };
      if (payload.parent_id) {
        body.parent_id = payload.parent_id;
        if (payload.probe) body.probe = payload.probe;
      } else if (custom) {
        body.track = form.elements.track.value;
        body.round = form.elements.round.value;
        body.question = form.elements.question.value;
      } else {
        body.question_id = payload.question_id;
      }
      return body;
    }

    function post(text, keepalive, retried) {
      var body = JSON.stringify(draftBody(text));
      var headers = { "Content-Type": "application/json" };
      // Service mode: the page carries the CSRF token a fetch must send back.
      var csrf = document.querySelector('meta[name="csrf-token"]');
      if (csrf) headers["X-CSRFToken"] = csrf.getAttribute("content");
      var init = { method: "POST", headers: headers, body: body };
      // keepalive lets the request outlive a closing tab.
      if (keepalive && new Blob([body]).size <= KEEPALIVE_BYTES) init.keepalive = true;
      return fetch("/api/v1/drafts", init).then(function (r) {
        if ((r.status === 400 || r.status === 404) && draftInput.value && !retried) {
          // That draft is gone, submitted or not this form's: start a new one with the text.
          draftInput.value = "";
          return post(text, keepalive, true);
        }
        if (!r.ok) throw new Error(String(r.status));
        return r.json();
      });
    }

    function saveToServer(keepalive) {
      pending = null;
      if (inFlight && keepalive !== true) { pending = setTimeout(saveToServer, 400); return; }
      var text = textarea.value;
      // Blank text never replaces a draft's, and text the server confirmed needs no second trip.
      if (!normal(text) || (!custom && text === confirmedText) || (inFlight && text === sending)) return;
      if (custom && (!normal(form.elements.question.value) || !form.elements.round.value)) {
        status.textContent = "Kept in this browser at " + now() + "; paste the question to save a draft.";
        return;
      }
      inFlight = true;
      sending = text;
      post(text, keepalive === true, false)
        .then(function (data) {
          if (data.draft_id) draftInput.value = String(data.draft_id);
          markConfirmed(text);
          unreachable = false;
          status.textContent = "Draft saved at " + now() + ".";
        })
        .catch(function () {
          unreachable = true;
          status.textContent = "Kept in this browser at " + now() + "; the server did not answer.";
        })
        .then(function () { inFlight = false; sending = null; });
    }

    // The tab is closing or going to the background: send what the timer has not sent yet.
    // Not while the server is not answering: the local copy has the text and wins next time.
    function flush() {
      if (submitting || unreachable) return;
      if (pending) { clearTimeout(pending); pending = null; }
      else if (!record || record.synced) return;
      saveToServer(true);
    }

    // -- which version to show when the page opens -----------------------------------------
    function settle(local) {
      var typed = textarea.value !== textarea.defaultValue;
      if (!local || !normal(local.text)) {
        other = local && local.other;
        if (typed) { keepLocally(); scheduleSave(700); }
        if (differs(other)) tell("This browser also kept another version of this answer.");
        return;
      }
      var kept = version(local.text, local.fields, "this browser's copy from " + (local.savedAt || "earlier"));
      var pageQuestion = custom ? form.elements.question.value : "";
      var otherQuestion = !!(custom && normal(pageQuestion) && !same(local.fields && local.fields.question, pageQuestion));
      if (same(local.text, textarea.value) && !otherQuestion) {
        // The page shows this browser's text already (the server's draft, or the form posted).
        // Its time stays the time it was typed.
        other = local.other;
        if (!elapsed && local.elapsed) elapsed = local.elapsed;
        record = local;
        record.submitted = false;
        record.synced = local.synced || (confirmedText !== null && same(local.text, confirmedText));
        record.other = differs(other) ? other : null;
        writeLocal(key, record);
        if (!record.synced) scheduleSave(700);
        if (differs(other)) tell("This browser also kept another version of this answer, " + other.label + ".");
        return;
      }
      if (typed) {
        // Typed before this script ran: the newest text of all.
        other = kept;
        keepLocally();
        scheduleSave(700);
        tell("This browser also kept " + kept.label + ".");
        return;
      }
      var pageHas = normal(textarea.value) !== "";
      var serverAt = Date.parse(payload.saved_at || payload.updated_at || "") || 0;
      if (hasError || otherQuestion || (pageHas && (local.synced || serverAt > local.at))) {
        // The page is newer: what was just posted, another question, or a draft saved since.
        other = kept;
        keepLocally();
        tell("This browser also kept a different version, " + kept.label + "; the page shows the newer one.");
        return;
      }
      if (local.synced && !pageHas) {
        // The server had this text and its draft is gone: submitted or deleted elsewhere.
        removeLocal(key);
        return;
      }
      // This browser's copy is newer than anything the server confirmed.
      other = pageHas ? version(textarea.value, fieldsNow(), "the draft the server saved") : local.other;
      show(kept);
      if (local.elapsed > elapsed) elapsed = local.elapsed;
      keepLocally();
      scheduleSave(700);
      tell(local.submitted
        ? "Restored the answer you submitted at " + (local.savedAt || "an earlier time") + "; the server never received it."
        : "Restored the draft this browser kept at " + (local.savedAt || "an earlier time")
          + (pageHas ? ", newer than the one the server saved." : "."));
    }

    textarea.addEventListener("input", function () {
      countWords();
      keepLocally();
      scheduleSave(700);
      if (note) offerSwap();
    });
    if (custom) {
      // The question's fields belong with its answer in this browser's copy.
      var keepQuestion = function () { if (record || normal(textarea.value)) keepLocally(); };
      custom.addEventListener("input", keepQuestion);
      custom.addEventListener("change", keepQuestion);
    }
    form.addEventListener("submit", function () {
      submitting = true;
      if (pending) { clearTimeout(pending); pending = null; }
      if (elapsedInput) elapsedInput.value = String(elapsed);
      // Kept until the server shows the attempt: a submit to a dead server loses nothing.
      keepLocally(true);
    });
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") flush(); });
    window.addEventListener("pageshow", function (e) { if (e.persisted) submitting = false; });
    if (custom) {
      setupCustom(form, custom, function (seconds) {
        budget = seconds;
        var of = form.querySelector(".timer__budget");
        // No budget: the timer shows the time used alone, never "of –".
        if (of) { of.textContent = seconds ? "of " + clock(seconds) : ""; of.hidden = !seconds; }
        renderTimer();
      });
    }
    countWords();

    var local = key ? readRecord(key) : null;
    if (local && local.submitted && !hasError) {
      // Submitted from this browser: did the server get it? Until it says, anything typed
      // here keeps the submitted text as the other version.
      other = version(local.text, local.fields, "the answer you submitted at " + (local.savedAt || "an earlier time"));
      serverHasAttempt(local).then(function (held) {
        if (!held) { settle(local); renderTimer(); return; }
        other = null;
        if (record) keepLocally(); else removeLocal(key);
      }, function () { settle(local); renderTimer(); });
    } else {
      settle(local);
    }
    renderTimer();
    if (hasError) { var box = form.querySelector("#form-error"); if (box) box.focus(); }
    return key;
  }

  // A question of your own: the round select offers the chosen track's rounds only, and the
  // countdown follows the chosen round's budget.
  function setupCustom(form, box, setBudget) {
    var budgets = JSON.parse(box.getAttribute("data-budgets") || "{}");
    var hints = JSON.parse(box.getAttribute("data-hints") || "{}");
    var hint = form.querySelector("[data-answer-hint]");
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
      if (hint && hints[round.value]) hint.textContent = hints[round.value];
    }
    track.addEventListener("change", function () { sync(true); });
    round.addEventListener("change", function () { sync(false); });
    sync(false);
  }

  // The practice chooser: the round menu holds the chosen track's rounds only. The other
  // tracks' groups are taken out of the menu (a hidden optgroup still shows in some
  // browsers' pickers) and put back when their track is chosen.
  function setupChooser() {
    var form = document.querySelector(".choose-form");
    if (!form) return;
    var select = form.querySelector("#round");
    var groups = Array.prototype.slice.call(select.querySelectorAll("optgroup[data-track]"));
    function sync() {
      var checked = form.querySelector("input[name=track]:checked");
      var chosen = checked ? checked.value : "";
      var current = select.value;
      groups.forEach(function (g) {
        if (g.getAttribute("data-track") === chosen) { if (!g.parentNode) select.appendChild(g); }
        else if (g.parentNode) g.parentNode.removeChild(g);
      });
      var kept = Array.prototype.some.call(select.options, function (o) { return o.value === current; });
      select.value = kept ? current : "";
    }
    form.addEventListener("change", function (e) { if (e.target.name === "track") sync(); });
    sync();
  }

  var keys = [];
  document.querySelectorAll("form[data-autosave]").forEach(function (form) { keys.push(setupForm(form)); });
  settleSubmitted(keys);
  setupChooser();
})();
