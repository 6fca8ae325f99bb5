/* The question browser's filters: the round menu offers the chosen track's rounds only.
   Without JavaScript the server does the same once the form is sent. */
(function () {
  "use strict";

  var round = document.querySelector("select[data-round-menus]");
  var track = document.getElementById("q-track");
  if (!round || !track) return;
  var menus = JSON.parse(round.getAttribute("data-round-menus") || "{}");

  function sync() {
    var rounds = menus[track.value] || menus[""] || [];
    var current = round.value;
    while (round.options.length > 1) round.remove(1);
    round.options[0].textContent = track.value ? "All its rounds" : "All rounds";
    rounds.forEach(function (pair) {
      var option = new Option(pair[1], pair[0]);
      round.add(option);
    });
    var kept = rounds.some(function (pair) { return pair[0] === current; });
    round.value = kept ? current : "";
  }

  track.addEventListener("change", sync);
})();
