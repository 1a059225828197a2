"""The controller's own details (rekisterinpitäjä)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from registers.forms import ControllerForm
from registers.models import Controller
from tests.editor import form_data

pytestmark = pytest.mark.django_db

URL = "/hallinta/oma-organisaatio-oy/rekisterinpitaja/"


def test_an_officer_edits_the_controller_details(
    client: Client, officer: User, organisation: Controller
) -> None:
    data = form_data(ControllerForm(instance=organisation))
    data.update(dpo_appointed="on", dpo_name="Tiina Tietosuoja", dpo_email="dpo@example.com")
    client.force_login(officer)
    response = client.post(URL, data)
    assert response["Location"] == URL
    organisation.refresh_from_db()
    assert organisation.dpo_name == "Tiina Tietosuoja"


def test_an_invalid_business_id_is_an_error_and_nothing_is_saved(
    client: Client, officer: User, organisation: Controller
) -> None:
    data = form_data(ControllerForm(instance=organisation))
    data.update(business_id="1234567-8", city="Tampere")
    client.force_login(officer)
    response = client.post(URL, data)
    assert response.status_code == 200
    assert "tarkistenumero" in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.city == "Helsinki"


def test_a_viewer_cannot_change_the_details(
    client: Client, viewer: User, organisation: Controller
) -> None:
    client.force_login(viewer)
    assert "Tallenna" not in client.get(URL).content.decode()
    data = form_data(ControllerForm(instance=organisation))
    assert client.post(URL, {**data, "city": "Tampere"}).status_code == 403
    organisation.refresh_from_db()
    assert organisation.city == "Helsinki"


def test_an_outsider_gets_404(client: Client, outsider: User) -> None:
    client.force_login(outsider)
    assert client.get(URL).status_code == 404
