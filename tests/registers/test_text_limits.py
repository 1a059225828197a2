"""Free texts have a length limit that the model enforces, with a Finnish message."""

from __future__ import annotations

import html

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models
from django.test import Client

from privacy_notices.models import PrivacyNotice
from registers.fields import FREE_TEXT_MAX_LENGTH, FreeTextField
from registers.models import Register, SecurityMeasure
from tests.editor import register_post_data

pytestmark = pytest.mark.django_db

TOO_LONG = "Ä" * (FREE_TEXT_MAX_LENGTH + 1)
MESSAGE = "Tämän arvon tulee olla enintään 10000 merkkiä pitkä (tällä hetkellä 10001)."


def test_every_free_text_of_the_domain_is_limited() -> None:
    unlimited = [
        f"{model.__name__}.{field.name}"
        for model in (*__import__("registers.models").models.__dict__.values(), PrivacyNotice)
        if isinstance(model, type) and issubclass(model, models.Model) and model._meta.managed
        for field in model._meta.concrete_fields
        if type(field) is models.TextField
    ]
    assert unlimited == []
    assert isinstance(Register._meta.get_field("description"), FreeTextField)


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
    url = f"/hallinta/oma-organisaatio-oy/rekisterit/{register.pk}/"
    response = client.post(url, data)
    assert response.status_code == 200  # the page again, not a redirect
    body = response.content.decode()
    assert MESSAGE in html.unescape(body)
    assert TOO_LONG in body  # nothing the officer typed is lost
    assert 'maxlength="10000"' not in body  # a browser would cut a pasted text silently
    assert Register.objects.get(pk=register.pk).description != TOO_LONG


def test_a_library_text_is_limited_too(organisation: object) -> None:
    measure = SecurityMeasure(controller=organisation, text=TOO_LONG)
    with pytest.raises(ValidationError) as raised:
        measure.full_clean()
    assert MESSAGE in raised.value.message_dict["text"]
