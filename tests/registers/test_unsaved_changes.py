"""Every editor form asks the browser to warn before its unsaved changes are left
(static/registers/editor.js, data-warn-unsaved); tests/e2e/test_keyboard.py sees the
warning itself in a browser."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from privacy_notices.models import PrivacyNotice
from registers.models import Controller, Register
from tests.editor import register_post_data
from tests.factories import DataCategoryFactory, notice_with

pytestmark = pytest.mark.django_db

ORG = "/hallinta/oma-organisaatio-oy"


@pytest.fixture
def notice(organisation: Controller, register: Register) -> PrivacyNotice:
    return notice_with(organisation, register)


def test_every_editor_form_warns_before_its_changes_are_left(
    client: Client,
    officer: User,
    organisation: Controller,
    register: Register,
    notice: PrivacyNotice,
) -> None:
    category = DataCategoryFactory(controller=organisation)
    client.force_login(officer)
    for path in (
        f"{ORG}/rekisterit/{register.pk}/",
        f"{ORG}/tietoryhmat/{category.pk}/",
        f"{ORG}/tietoryhmat/uusi/",
        f"{ORG}/rekisterinpitaja/",
        f"{ORG}/selosteet/{notice.pk}/muokkaa/",
        f"{ORG}/selosteet/uusi/",
    ):
        body = client.get(path).content.decode()
        assert body.count("data-warn-unsaved>") == 1, path


def test_a_refused_save_marks_the_form_as_holding_unsaved_changes(
    client: Client, officer: User, register: Register
) -> None:
    client.force_login(officer)
    data = register_post_data(register)
    data["name"] = ""
    response = client.post(f"{ORG}/rekisterit/{register.pk}/", data)
    assert response.status_code == 200
    assert 'data-warn-unsaved="refused"' in response.content.decode()
    register.refresh_from_db()
    assert register.name == "Asiakasrekisteri"


def test_the_register_page_offers_the_save_at_its_top_and_in_its_save_bar(
    client: Client, officer: User, register: Register
) -> None:
    client.force_login(officer)
    body = client.get(f"{ORG}/rekisterit/{register.pk}/").content.decode()
    # The top button submits the same form; it comes first, so Enter in a field
    # presses it (the form's default button) and saves.
    top = body.index('<button type="submit" form="register-form"')
    bar = body.index('class="save-bar')
    assert top < body.index('id="register-form"') < bar
