"""Free texts have a length limit by kind that the model enforces, in Finnish."""

from __future__ import annotations

import html

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models
from django.test import Client

from privacy_notices.models import NoticeVersion, PrivacyNotice
from registers.demo import load_demo
from registers.fields import (
    LONG_TEXT_LENGTH,
    SHORT_TEXT_LENGTH,
    TEXT_LENGTH,
    FreeTextField,
)
from registers.models import DataCategory, Purpose, Register, SecurityMeasure
from tests.editor import register_post_data
from tests.privacy_notices.conftest import incomplete  # noqa: F401 (a fixture)
from tests.walk import domain_models

pytestmark = pytest.mark.django_db

ORG = "/hallinta/oma-organisaatio-oy"
TOO_LONG = "Ä" * (LONG_TEXT_LENGTH + 1)
MESSAGE = "Tämän arvon tulee olla enintään 10000 merkkiä pitkä (tällä hetkellä 10001)."


def test_every_free_text_of_the_domain_is_limited() -> None:
    unlimited = [
        f"{model.__name__}.{field.name}"
        for model in domain_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.TextField) and not isinstance(field, FreeTextField)
    ]
    # The page a version was published as: rendered from limited texts, never typed.
    assert unlimited == ["NoticeVersion.rendered_html"]


@pytest.mark.parametrize(
    ("model", "field", "limit"),
    [
        (DataCategory, "description", SHORT_TEXT_LENGTH),
        (Purpose, "description", SHORT_TEXT_LENGTH),
        (NoticeVersion, "change_note", SHORT_TEXT_LENGTH),
        (Purpose, "legitimate_interest", TEXT_LENGTH),
        (SecurityMeasure, "text", TEXT_LENGTH),
        (Register, "description", LONG_TEXT_LENGTH),
        (PrivacyNotice, "intro", LONG_TEXT_LENGTH),
    ],
)
def test_each_kind_of_text_has_its_limit(model: type[models.Model], field: str, limit: int) -> None:
    assert model._meta.get_field(field).max_length == limit


def test_the_demo_texts_fit_their_limits_many_times_over() -> None:
    load_demo()
    crowded = [
        f"{model.__name__}.{field.name}: {len(value)} / {field.max_length}"
        for model in domain_models()
        for field in model._meta.concrete_fields
        if isinstance(field, FreeTextField)
        for value in model.objects.values_list(field.name, flat=True)
        if len(value) * 2 > field.max_length
    ]
    assert crowded == []


def test_the_model_refuses_an_over_long_text(register: Register) -> None:
    register.description = TOO_LONG
    with pytest.raises(ValidationError) as raised:
        register.full_clean()
    assert raised.value.message_dict["description"] == [MESSAGE]
    register.description = TOO_LONG[:-1]
    register.full_clean()


def test_the_editor_refuses_it_beside_the_field_and_keeps_the_text(
    client: Client, officer: User, register: Register
) -> None:
    client.force_login(officer)
    data = register_post_data(register) | {"description": TOO_LONG}
    response = client.post(f"{ORG}/rekisterit/{register.pk}/", data)
    assert response.status_code == 200  # the page again, not a redirect
    body = html.unescape(response.content.decode())
    field = body[body.index('name="description"') :]
    field = field[: field.index("</textarea>")]
    assert TOO_LONG in field  # nothing the officer typed is lost
    assert "maxlength" not in field  # a browser would cut a pasted text silently
    assert 'data-max-length="10000"' in field
    # Beside the field: its error follows its textarea, before the next field.
    after = body[body.index(TOO_LONG) :]
    assert after.index(MESSAGE) < after.index('name="purposes_note"')
    assert Register.objects.get(pk=register.pk).description != TOO_LONG


def test_line_breaks_count_as_one_character_as_in_the_browser(
    client: Client, officer: User, register: Register
) -> None:
    # A browser submits each line break as CRLF but counts it, and shows it, as one:
    # exactly the limit as the officer sees it, 999 characters more as submitted.
    text = "\n".join(["Rivi." + "x" * 4] * 1000)
    assert len(text) == LONG_TEXT_LENGTH - 1
    padded = text.replace("\n", "\r\n") + "."
    client.force_login(officer)
    data = register_post_data(register) | {"description": padded}
    response = client.post(f"{ORG}/rekisterit/{register.pk}/", data)
    assert response.status_code == 302
    stored = Register.objects.get(pk=register.pk).description
    assert len(stored) == LONG_TEXT_LENGTH
    assert "\r" not in stored


def test_a_library_text_is_limited_too(organisation: object) -> None:
    measure = SecurityMeasure(controller=organisation, title="Pääsy", text="x" * 5001)
    with pytest.raises(ValidationError) as raised:
        measure.full_clean()
    assert raised.value.message_dict["text"] == [
        "Tämän arvon tulee olla enintään 5000 merkkiä pitkä (tällä hetkellä 5001)."
    ]


def test_an_over_long_change_note_publishes_nothing(
    client: Client,
    officer: User,
    incomplete: PrivacyNotice,  # noqa: F811 (the fixture)
) -> None:
    client.force_login(officer)
    note = "Muutos. " * 300
    response = client.post(f"{ORG}/selosteet/{incomplete.pk}/julkaise/", {"change_note": note})
    assert response.status_code == 400
    body = html.unescape(response.content.decode())
    assert "enintään 2000 merkkiä pitkä (tällä hetkellä 2399)" in body
    assert note.strip() in body
    assert not NoticeVersion.objects.exists()
