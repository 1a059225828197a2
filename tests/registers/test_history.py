"""The register's history: who changed what and when, including its parts and ticks."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from registers.history import register_changes
from registers.models import LegalBasis, Register
from tests.editor import add_row, register_post_data

pytestmark = pytest.mark.django_db


def history_url(register: Register) -> str:
    return f"/hallinta/oma-organisaatio-oy/rekisterit/{register.pk}/historia/"


@pytest.fixture
def edited(client: Client, officer: User, colleague: User, register: Register) -> Register:
    """The register after an officer and a colleague have each saved it once."""
    data = register_post_data(register)
    data["name"] = "Asiakas- ja markkinointirekisteri"
    data["data_categories"] = []
    add_row(data, "purposes", description="Uutiskirje", legal_basis=LegalBasis.CONSENT)
    client.force_login(officer)
    assert (
        client.post(f"/hallinta/oma-organisaatio-oy/rekisterit/{register.pk}/", data).status_code
        == 302
    )

    data = register_post_data(register)
    data["retention-0-DELETE"] = "on"
    client.force_login(colleague)
    assert (
        client.post(f"/hallinta/oma-organisaatio-oy/rekisterit/{register.pk}/", data).status_code
        == 302
    )
    return register


def test_the_history_records_who_changed_what(edited: Register) -> None:
    changes = register_changes(edited)
    described = [(c.who, c.kind, c.subject) for c in changes]
    assert ("colleague", "-", "Säilytyssääntö: 5 vuotta asiakkuuden päättymisestä") in described
    assert ("officer", "+", "Käsittelyn tarkoitus: Uutiskirje") in described
    own = [c for c in changes if c.subject == "Rekisteri" and c.who == "officer"]
    fields = {f.label: (f.old, f.new) for change in own for f in change.fields}
    assert fields["Nimi"] == ("Asiakasrekisteri", "Asiakas- ja markkinointirekisteri")
    assert fields["Tietoryhmät"] == ("Nimi", "")


def test_the_history_page_shows_the_changes_newest_first(
    client: Client, officer: User, edited: Register
) -> None:
    client.force_login(officer)
    body = client.get(history_url(edited)).content.decode()
    assert body.index("Säilytyssääntö") < body.index("Uutiskirje")
    for text in (
        "colleague",
        "officer",
        "Asiakas- ja markkinointirekisteri",
        "poistettu",
        "lisätty",
    ):
        assert text in body, text


def test_an_outsider_gets_404(client: Client, outsider: User, register: Register) -> None:
    client.force_login(outsider)
    assert client.get(history_url(register)).status_code == 404
