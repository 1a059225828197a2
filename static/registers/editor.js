// The register page: add rows to the part formsets, and show the legal-basis
// fields that the chosen basis needs (GDPR Art. 6(1)(f): legitimate interest;
// Art. 6(3): the law for (c) and (e)).
"use strict";

function addFormsetRow(container) {
  const prefix = container.dataset.formset;
  const total = container.querySelector(`input[name="${prefix}-TOTAL_FORMS"]`);
  const template = container.querySelector("template[data-formset-template]");
  const index = Number(total.value);
  const html = template.innerHTML.replaceAll("__prefix__", String(index));
  const rows = container.querySelector("[data-formset-rows]");
  const empty = rows.querySelector("[data-formset-empty]");
  if (empty) empty.remove();
  rows.insertAdjacentHTML("beforeend", html);
  total.value = String(index + 1);
  const row = rows.lastElementChild;
  bindLegalBasis(row);
  const first = row.querySelector("textarea, input:not([type=hidden]), select");
  if (first) first.focus();
}

const NEEDS = {
  legitimate_interest: ["legitimate_interests"],
  law_reference: ["legal_obligation", "public_task"],
};

function bindLegalBasis(root) {
  root.querySelectorAll("select[name$='-legal_basis']").forEach((select) => {
    const prefix = select.name.slice(0, -"legal_basis".length);
    const update = () => {
      for (const [name, bases] of Object.entries(NEEDS)) {
        const input = document.getElementsByName(prefix + name)[0];
        if (!input) continue;
        const wrapper = input.closest(".col-md, .col-12") || input.parentElement;
        const needed = bases.includes(select.value);
        // Never hide a field that holds text or an error.
        const keep = input.value.trim() !== "" || input.classList.contains("is-invalid");
        wrapper.hidden = !(needed || keep);
      }
    };
    select.addEventListener("change", update);
    update();
  });
}

// Long texts are shown whole: a textarea grows with its content (never shrinks
// below the rows it was given).
function fitTextarea(textarea) {
  if (textarea.scrollHeight > textarea.clientHeight) {
    textarea.style.height = `${textarea.scrollHeight + 2}px`;
  }
}

document.addEventListener("input", (event) => {
  if (event.target instanceof HTMLTextAreaElement) fitTextarea(event.target);
});

// Again once fonts and styles have settled, which changes how long a text runs.
window.addEventListener("load", () => document.querySelectorAll("textarea").forEach(fitTextarea));

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("textarea").forEach(fitTextarea);
  document.querySelectorAll("[data-formset-add]").forEach((button) => {
    button.addEventListener("click", () => addFormsetRow(button.closest("[data-formset]")));
  });
  bindLegalBasis(document);
});
