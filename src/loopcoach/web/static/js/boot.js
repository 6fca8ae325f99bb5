/* Runs first, in the head: the page has JavaScript, so show what needs it. */
document.documentElement.classList.replace("no-js", "js");
