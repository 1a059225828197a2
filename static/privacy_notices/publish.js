// The notice's check page: "Kuittaa kaikki" ticks every acknowledgement box, and
// the publish button shows that publishing (PDF rendering, several seconds) is under
// way and cannot be pressed twice. The server publishes a form once in any case
// (its version number, PublishForm.number).
"use strict";

function bindAcknowledgeAll(form) {
  const all = form.querySelector("input[name=acknowledge_all]");
  if (!all) return;
  const boxes = form.querySelectorAll("input[name=acknowledged]");
  // "Kuittaa kaikki" acknowledges every item on the server: the boxes show it.
  const update = () => {
    boxes.forEach((box) => {
      if (all.checked) box.checked = true;
      box.disabled = all.checked;
    });
  };
  all.addEventListener("change", update);
  update();
}

function bindPublish(form) {
  const button = form.querySelector("button[type=submit]");
  const status = form.querySelector("[data-publish-status]");
  const label = button.textContent;
  form.addEventListener("submit", (event) => {
    if (form.dataset.submitting) {
      event.preventDefault();
      return;
    }
    form.dataset.submitting = "1";
    form.setAttribute("aria-busy", "true");
    button.disabled = true;
    button.textContent = button.dataset.busyText;
    if (status) status.textContent = button.dataset.busyText;
  });
  // Back to this page from the browser's history: the form can be sent again.
  window.addEventListener("pageshow", (event) => {
    if (!event.persisted) return;
    delete form.dataset.submitting;
    form.removeAttribute("aria-busy");
    button.disabled = false;
    button.textContent = label;
    if (status) status.textContent = "";
  });
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("form[data-publish-form]").forEach((form) => {
    bindAcknowledgeAll(form);
    bindPublish(form);
  });
});
