// Progressive enhancement only: every page works without this file (CSP forbids inline scripts).
document.addEventListener("DOMContentLoaded", function () {
  // After a failed submit, move focus to the error summary (autofocus covers most browsers).
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
});
