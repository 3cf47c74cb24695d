// Throughline: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";
  // Forms with data-confirm ask before submitting.
  document.addEventListener("submit", function (e) {
    var msg = e.target.getAttribute("data-confirm");
    if (msg && !window.confirm(msg)) { e.preventDefault(); }
  });
  // Selects with data-autosubmit submit their form when changed.
  document.addEventListener("change", function (e) {
    if (e.target.matches && e.target.matches("[data-autosubmit]") && e.target.form) {
      e.target.form.requestSubmit ? e.target.form.requestSubmit() : e.target.form.submit();
    }
  });
  // Copy buttons copy the text of the element their data-copy names.
  document.addEventListener("click", function (e) {
    var btn = e.target.closest && e.target.closest("[data-copy]");
    if (!btn) { return; }
    var el = document.getElementById(btn.getAttribute("data-copy"));
    if (el && navigator.clipboard) {
      navigator.clipboard.writeText(el.textContent.trim()).then(function () { btn.textContent = "Copied"; });
    }
  });
  // Print buttons print the page (scorecards and reviews have print styles).
  document.addEventListener("click", function (e) {
    if (e.target.closest && e.target.closest("[data-print]")) { window.print(); }
  });
  // Flash messages can be dismissed.
  document.addEventListener("click", function (e) {
    if (e.target.matches && e.target.matches("[data-dismiss]")) {
      var box = e.target.closest(".flash");
      if (box) { box.remove(); }
    }
  });
})();
