// Progressive enhancement for the job-market pages (CSP: no inline scripts). Every page works
// without this file.
document.addEventListener("DOMContentLoaded", function () {
  // Live occupation suggestion while the employer types the job title: the same endpoint as
  // the API (/api/v1/occupations/suggest), shown in a polite live region. Without JavaScript
  // the next page offers the same suggestions as a select, filled on the server.
  var live = document.querySelector("[data-occupation-live]");
  if (!live || !live.dataset.suggestUrl || !window.fetch) {
    return;
  }
  var input = document.getElementById(live.dataset.titleInput);
  if (!input) {
    return;
  }
  var timer = null;
  var last = "";
  function show(list) {
    if (!list || !list.length) {
      live.textContent = "";
      return;
    }
    var names = list.slice(0, 3).map(function (o) { return o.name + "（" + o.code + "）"; });
    live.textContent = "可能的职业：" + names.join("、") + "。下一步可以选择。";
  }
  function lookUp() {
    var title = input.value.trim();
    if (title === last) {
      return;
    }
    last = title;
    if (!title) {
      show([]);
      return;
    }
    fetch(live.dataset.suggestUrl + "?title=" + encodeURIComponent(title), {
      headers: { Accept: "application/json" },
      credentials: "same-origin"
    })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (list) { if (title === last) { show(list); } })
      .catch(function () { show([]); });
  }
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(lookUp, 600);
  });
});
