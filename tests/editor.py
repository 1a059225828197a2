"""Helpers for tests of the register page: the POST a browser would send."""

from __future__ import annotations

from typing import Any

from django import forms

from registers.editing import RegisterEditor
from registers.models import Register


def form_data(form: forms.BaseForm) -> dict[str, Any]:
    """What a browser submits for an unchanged form."""
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = form[name].value()
        key = form.add_prefix(name)
        if isinstance(field.widget, forms.CheckboxInput):
            if value:
                data[key] = "on"
        elif value is None:
            data[key] = ""
        elif isinstance(value, list | tuple):
            data[key] = [str(item) for item in value]
        else:
            data[key] = str(value)
    return data


def register_post_data(register: Register) -> dict[str, Any]:
    """The register page's POST, as if the officer saved it without changes."""
    return editor_post_data(RegisterEditor.build(register=Register.objects.get(pk=register.pk)))


def editor_post_data(editor: RegisterEditor) -> dict[str, Any]:
    """The POST of a register page as shown (a bound editor shows what was posted)."""
    data = {**form_data(editor.form), **form_data(editor.new_category), **form_data(editor.paste)}
    for formset in editor.formsets.values():
        data.update(form_data(formset.management_form))
        for form in formset.forms:
            data.update(form_data(form))
    return data


def add_row(data: dict[str, Any], prefix: str, **fields: Any) -> dict[str, Any]:
    """Add a new row to one of the part formsets of a register page POST."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    for name, value in fields.items():
        data[f"{prefix}-{index}-{name}"] = value
    return data
