// Quota pages, progressive enhancement only (CSP forbids inline scripts; every page works without
// this file): a print button, focus on a fresh calculator result, and a live preview of the levy
// while the employer types figures (a server-rendered fragment; nothing is saved).
(function () {
  "use strict";

  function bindPrint() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  function focusResult() {
    var result = document.querySelector("[data-result]");
    if (result && !document.querySelector("[data-error-summary]")) {
      result.focus();
    }
  }

  function livePreview() {
    var form = document.querySelector("[data-preview-form]");
    var box = document.querySelector("[data-live-preview]");
    var announce = document.querySelector("[data-live-announce]");
    if (!form || !box || !window.fetch || !window.URLSearchParams) {
      return;
    }
    var timer = null;
    var latest = 0;
    function refresh() {
      var params = new URLSearchParams();
      new FormData(form).forEach(function (value, key) {
        if (key !== "csrfmiddlewaretoken") {
          params.append(key, value);
        }
      });
      var mine = ++latest;
      fetch(box.getAttribute("data-live-preview") + "?" + params.toString(), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (html === null || mine !== latest) {
            return;
          }
          var details = box.querySelector("details");
          var wasOpen = details && details.open;
          box.innerHTML = html; // our own server-rendered, auto-escaped fragment
          if (wasOpen && box.querySelector("details")) {
            box.querySelector("details").open = true;
          }
          var amount = box.querySelector("[data-levy-due]");
          if (announce && amount) {
            announce.textContent = "预览已更新：应缴保障金 " + amount.getAttribute("data-levy-due") + " 元";
          }
        })
        .catch(function () { /* the saved preview stays; nothing to do */ });
    }
    function later() {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, 700);
    }
    form.addEventListener("input", later);
    form.addEventListener("change", later);
  }

  document.addEventListener("DOMContentLoaded", function () {
    bindPrint();
    focusResult();
    livePreview();
  });
})();
