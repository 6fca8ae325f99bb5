/* Keyboard review on /cards: Space or Enter shows the answer, 1-4 rates the card.
   The page works without this file: the answer is a <details>, the ratings a form. */
(function () {
  "use strict";
  var answer = document.querySelector("[data-card-answer]");
  if (!answer) return;
  var reveal = answer.querySelector("[data-reveal]");

  function typing(el) {
    return el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable);
  }

  answer.addEventListener("toggle", function () {
    if (answer.open) {
      var good = answer.querySelector('[data-rating="3"]');
      if (good) good.focus();
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
    var active = document.activeElement;
    if (!answer.open && (event.key === " " || event.key === "Enter")) {
      // A focused summary or button already does this itself.
      if (active === reveal || (active && active.tagName === "BUTTON") || (active && active.tagName === "A")) return;
      event.preventDefault();
      answer.open = true;
      return;
    }
    if (answer.open && /^[1-4]$/.test(event.key)) {
      var button = answer.querySelector('[data-rating="' + event.key + '"]');
      if (button) {
        event.preventDefault();
        button.click();
      }
    }
  });

  reveal.focus();
})();
