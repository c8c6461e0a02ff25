// Progressive enhancement only: every page works without this file (CSP forbids inline scripts).
document.addEventListener("DOMContentLoaded", function () {
  setupMenu();
  setupReveals();
  setupCounters();
  // After a failed submit, move focus to the error summary (autofocus covers most browsers).
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
});

// The main menu folds behind a "菜单" button on narrow screens (issue 14: on a phone in 长辈版 the
// header and menu filled half the first screen). A disclosure: the button says whether the menu is
// open (aria-expanded) and which element it opens (aria-controls); Escape closes it and gives
// focus back to the button. Without this script the button stays hidden and the menu is shown.
function setupMenu() {
  var button = document.querySelector("[data-nav-toggle]");
  var menu = button && document.getElementById(button.getAttribute("aria-controls"));
  if (!menu || !window.matchMedia) {
    return;
  }
  var narrow = window.matchMedia("(max-width: 47.99rem)");
  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    menu.hidden = !open;
  }
  function fit() {
    button.hidden = !narrow.matches;
    setOpen(!narrow.matches);
  }
  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  menu.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && narrow.matches) {
      setOpen(false);
      button.focus();
    }
  });
  if (narrow.addEventListener) {
    narrow.addEventListener("change", fit);
  }
  fit();
}

// Dependent fields (GOV.UK "conditional reveal"): a field marked data-reveal-name applies only
// when the named radio, checkbox or select has one of data-reveal-values. Without this script
// every field is shown and the server ignores the ones that do not apply. A field with an error
// stays visible.
function setupReveals() {
  var dependants = document.querySelectorAll("[data-reveal-name]");
  Array.prototype.forEach.call(dependants, function (dependant) {
    var form = dependant.closest("form");
    var name = dependant.getAttribute("data-reveal-name");
    var values = dependant.getAttribute("data-reveal-values").split(" ");
    if (!form) {
      return;
    }
    function chosen() {
      var controls = form.querySelectorAll('[name="' + name + '"]');
      return Array.prototype.some.call(controls, function (control) {
        var on = control.type === "radio" || control.type === "checkbox" ? control.checked : true;
        return on && values.indexOf(control.value) !== -1;
      });
    }
    function update() {
      dependant.hidden = !chosen() && !dependant.classList.contains("field-error");
    }
    form.addEventListener("change", function (event) {
      if (event.target.name === name) {
        update();
      }
    });
    update();
  });
}

// Character counters on limited text (textareas, and inputs of 100 characters or more): the
// count is shown at once and read out by screen readers only after typing pauses (a polite live
// region updated at most every 800 ms, as in the GOV.UK character count).
function setupCounters() {
  var fields = document.querySelectorAll("textarea[maxlength], input[maxlength]");
  Array.prototype.forEach.call(fields, function (field) {
    var limit = parseInt(field.getAttribute("maxlength"), 10);
    if (!limit || (field.tagName === "INPUT" && limit < 100) || !field.id) {
      return;
    }
    var shown = document.createElement("p");
    shown.className = "hint char-count";
    shown.id = field.id + "-count";
    shown.setAttribute("aria-hidden", "true");
    var spoken = document.createElement("p");
    spoken.className = "visually-hidden";
    spoken.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", spoken);
    field.insertAdjacentElement("afterend", shown);
    var timer = null;
    function words() {
      var left = limit - field.value.length;
      return left >= 0 ? "还可以输入 " + left + " 个字（共 " + limit + " 个字）" : "已超出 " + -left + " 个字";
    }
    function update() {
      shown.textContent = words();
      if (timer) {
        window.clearTimeout(timer);
      }
      timer = window.setTimeout(function () {
        spoken.textContent = words();
      }, 800);
    }
    field.addEventListener("input", update);
    shown.textContent = words();
  });
}
