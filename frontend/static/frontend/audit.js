// Progressive enhancement for the annual audit's progress page (CSP: no inline scripts).
// Without JavaScript the page offers a "刷新进度" link; with it, the progress and the status text
// update in place every two seconds (the status element is a polite live region).
document.addEventListener("DOMContentLoaded", function () {
  var box = document.querySelector("[data-run-api]");
  if (!box || box.getAttribute("data-finished") === "1") {
    return;
  }
  var api = box.getAttribute("data-run-api");
  var bar = box.querySelector("progress");
  var status = box.querySelector("[data-run-status]");
  var refresh = document.querySelector("[data-run-refresh]");
  var done = document.querySelector("[data-run-done]");
  var labels = { queued: "排队中", running: "进行中", done: "已完成", failed: "失败" };
  var last = "";

  function poll() {
    fetch(api, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (run) {
        if (!run) { return; }
        bar.value = run.progress;
        bar.textContent = run.progress + "%";
        var text = "状态：" + (labels[run.status] || run.status) + "，已完成 " + run.progress + "%";
        if (text !== last) {
          status.textContent = text;
          last = text;
        }
        if (run.status === "done" || run.status === "failed") {
          if (refresh) { refresh.hidden = true; }
          if (done) { done.hidden = false; }
          return;
        }
        window.setTimeout(poll, 2000);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 2000);
});

// The error summary's links move focus to their field (a fragment link alone only scrolls).
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest(".error-summary a[href^='#']");
  if (!link) {
    return;
  }
  var field = document.getElementById(link.getAttribute("href").slice(1));
  if (field) {
    event.preventDefault();
    field.focus();
    field.scrollIntoView({ block: "center" });
  }
});
