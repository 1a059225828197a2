"""Every field of the register editor tells what to write and which article asks for it."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.test import Client

from registers import forms as editor_forms
from registers.glossary import FIELD_TERMS, TERMS_BY_KEY
from registers.models import Controller, Register
from tests.factories import RegisterFactory

pytestmark = pytest.mark.django_db

# An article of the GDPR ("13 art. 1 c", "artikla") or a section of a Finnish law ("29 §").
CITATION = re.compile(r"\b\d+ art\b|artikla|§")

# Fields that need no citation, and why.
EXEMPT = {
    ("DataCategoryForm", "position"): "the order of a library's items; never published",
    ("RecipientForm", "position"): "the order of a library's items; never published",
    ("SourceForm", "position"): "the order of a library's items; never published",
    ("SecurityMeasureForm", "position"): "the order of a library's items; never published",
    ("RegisterForm", "name"): "the register's own name, no legal requirement",
    ("SecurityMeasureForm", "title"): "a security text's own heading",
}


def editor_forms_of(controller: Controller, register: Register) -> list[forms.BaseForm]:
    """The forms of the register page, its part formsets, the libraries and the controller."""
    parts = [
        formset(instance=register, controller=controller).empty_form
        for formset in editor_forms.PART_FORMSETS.values()
    ]
    return [
        editor_forms.RegisterForm(instance=register, controller=controller),
        editor_forms.NewDataCategoryForm(controller=controller),
        editor_forms.RegisterPasteForm(register=register),
        *parts,
        editor_forms.DataCategoryForm(controller=controller),
        editor_forms.RecipientForm(controller=controller),
        editor_forms.SourceForm(controller=controller),
        editor_forms.SecurityMeasureForm(controller=controller),
        editor_forms.ControllerForm(instance=controller),
    ]


def editable_fields(form: forms.BaseForm) -> list[tuple[str, forms.Field]]:
    return [
        (name, field)
        for name, field in form.fields.items()
        if not field.widget.is_hidden and name != "DELETE"
    ]


def test_every_editable_field_has_a_help_text_citing_the_law(organisation: Controller) -> None:
    register = RegisterFactory(controller=organisation)
    missing = []
    for form in editor_forms_of(organisation, register):
        for name, field in editable_fields(form):
            if (type(form).__name__, name) in EXEMPT:
                continue
            if not CITATION.search(str(field.help_text)):
                missing.append(f"{type(form).__name__}.{name}: {field.help_text!r}")
    assert not missing, "\n".join(missing)


def test_the_exempt_fields_still_have_a_help_text(organisation: Controller) -> None:
    register = RegisterFactory(controller=organisation)
    empty = [
        f"{type(form).__name__}.{name}"
        for form in editor_forms_of(organisation, register)
        for name, field in editable_fields(form)
        if not str(field.help_text).strip()
    ]
    assert not empty


def test_every_glossary_link_of_a_field_names_an_existing_field_and_term() -> None:
    from django.apps import apps

    for (label, name), key in FIELD_TERMS.items():
        model = apps.get_model(label)
        model._meta.get_field(name)
        assert key in TERMS_BY_KEY, (label, name, key)


def test_the_register_page_renders_help_texts_described_and_linked_to_the_glossary(
    client: Client, officer, organisation: Controller
) -> None:
    register = RegisterFactory(controller=organisation)
    client.force_login(officer)
    page = client.get(f"/hallinta/{organisation.slug}/rekisterit/{register.pk}/").content.decode()
    # Django points the field at its help text; crispy renders the text with that id.
    assert 'aria-describedby="id_provision_requirement_helptext"' in page
    assert 'id="id_provision_requirement_helptext"' in page
    assert "13 art. 2 e" in page
    assert 'href="/sanasto/#tietojen-antamisen-pakollisuus"' in page
    # The formsets' rows too: the legal basis of a new purpose row.
    assert 'href="/sanasto/#oikeusperuste"' in page


def test_a_help_text_is_escaped(
    client: Client, officer, organisation: Controller, monkeypatch: pytest.MonkeyPatch
) -> None:
    register = RegisterFactory(controller=organisation)
    field = editor_forms.RegisterForm.base_fields["description"]
    monkeypatch.setattr(field, "help_text", "<b>lihavoitu</b>")
    client.force_login(officer)
    page = client.get(f"/hallinta/{organisation.slug}/rekisterit/{register.pk}/").content.decode()
    assert "&lt;b&gt;lihavoitu&lt;/b&gt;" in page
    assert "<b>lihavoitu</b>" not in page
