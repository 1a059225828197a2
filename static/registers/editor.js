// The editor's forms: add rows to the register page's part formsets, show the
// legal-basis fields that the chosen basis needs (GDPR Art. 6(1)(f): legitimate
// interest; Art. 6(3): the law for (c) and (e)), fit textareas to their text and
// count a free text's characters near its limit, and warn before a changed form is left.
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

// A free text's length limit (registers/fields.py) is not a maxlength attribute,
// which would cut a pasted text silently. Near the limit a counter tells how much
// room is left, past it how much to shorten; the form refuses an over-long text.
// Counted in code points with LF line breaks, as the server counts and stores them.
const COUNTER_FROM = 0.8;
const counters = new WeakMap();

function formatNumber(number) {
  return number.toLocaleString("fi-FI");
}

function showLength(textarea) {
  const limit = Number(textarea.dataset.maxLength);
  if (!limit) return;
  const count = [...textarea.value].length;
  let counter = counters.get(textarea);
  if (!counter) {
    if (count < limit * COUNTER_FROM) return;
    counter = document.createElement("div");
    counter.className = "form-text";
    counter.dataset.lengthCounter = "";
    counter.setAttribute("aria-live", "polite");
    textarea.after(counter);
    counters.set(textarea, counter);
  }
  const over = count > limit;
  const template = over ? textarea.dataset.lengthOver : textarea.dataset.lengthCounter;
  counter.textContent = template
    .replace("%(count)s", formatNumber(count))
    .replace("%(limit)s", formatNumber(limit))
    .replace("%(excess)s", formatNumber(count - limit));
  counter.classList.toggle("text-danger", over);
  counter.hidden = count < limit * COUNTER_FROM;
}

document.addEventListener("input", (event) => {
  if (event.target instanceof HTMLTextAreaElement) {
    fitTextarea(event.target);
    showLength(event.target);
  }
});

// Again once fonts and styles have settled, which changes how long a text runs.
window.addEventListener("load", () => document.querySelectorAll("textarea").forEach(fitTextarea));

// Standard texts offered for a field: only the one matching the chosen option is shown,
// and its button copies it into the field for the officer to edit.
function bindSuggestions(box) {
  const choice = document.getElementById(box.dataset.suggestionsChoice);
  const target = document.getElementById(box.dataset.suggestionsTarget);
  if (!choice || !target) return;
  const items = box.querySelectorAll("[data-suggestion]");
  const update = () => {
    let any = false;
    items.forEach((item) => {
      item.hidden = item.dataset.suggestion !== choice.value;
      any = any || !item.hidden;
    });
    box.hidden = !any;
  };
  items.forEach((item) => {
    const button = item.querySelector("[data-suggestion-use]");
    button.hidden = false;
    button.addEventListener("click", () => {
      const text = item.querySelector("[data-suggestion-text]").textContent.trim();
      target.value = target.value.trim() ? `${target.value.trim()}\n\n${text}` : text;
      target.dispatchEvent(new Event("input", { bubbles: true }));
      target.focus();
    });
  });
  choice.addEventListener("change", update);
  update();
}

// A new organisation's slug: the name's suggestion shows as the placeholder. The
// server makes the same suggestion for an empty field, numbered if already taken.
function slugOf(text) {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9\s-]/g, "")
    .trim()
    .replace(/[\s-]+/g, "-")
    .slice(0, 80)
    .replace(/-+$/, "");
}

function bindSlugSuggestion(slug) {
  const name = document.getElementById(slug.dataset.slugFrom);
  if (!name) return;
  const update = () => {
    slug.placeholder = slugOf(name.value);
  };
  name.addEventListener("input", update);
  update();
}

// Unsaved changes are never lost by leaving: a form marked data-warn-unsaved makes the
// browser ask before the page is left while the form differs from what it held when
// the page opened (typing a change and undoing it, or a reset, is no change). The
// form's own submit (the save) leaves without asking. data-warn-unsaved="refused"
// marks a form shown again after a refused save: what it holds is not saved yet.
const warnedForms = new Map();
let submittedForm = null;

function formState(form) {
  return JSON.stringify(
    [...new FormData(form)].map(([name, value]) => [name, value instanceof File ? value.name : value]),
  );
}

function hasUnsavedChanges(form) {
  return form.dataset.warnUnsaved === "refused" || formState(form) !== warnedForms.get(form);
}

document.addEventListener("submit", (event) => {
  if (!event.defaultPrevented) submittedForm = event.target;
});

// Back to a page kept in the browser's memory after a submit: it may be left again.
window.addEventListener("pageshow", () => {
  submittedForm = null;
});

window.addEventListener("beforeunload", (event) => {
  for (const form of warnedForms.keys()) {
    if (form !== submittedForm && hasUnsavedChanges(form)) {
      event.preventDefault();
      event.returnValue = ""; // Browsers that predate preventDefault() for this event.
      return;
    }
  }
});

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("form[data-warn-unsaved]").forEach((form) => {
    warnedForms.set(form, formState(form));
  });
  document.querySelectorAll("input[data-slug-from]").forEach(bindSlugSuggestion);
  document.querySelectorAll("[data-suggestions]").forEach(bindSuggestions);
  document.querySelectorAll("textarea").forEach(fitTextarea);
  document.querySelectorAll("textarea[data-max-length]").forEach(showLength);
  document.querySelectorAll("[data-formset-add]").forEach((button) => {
    button.addEventListener("click", () => addFormsetRow(button.closest("[data-formset]")));
  });
  bindLegalBasis(document);
});
