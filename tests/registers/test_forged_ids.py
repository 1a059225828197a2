"""A ticked id beyond any database integer is an invalid choice, not a server error."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from privacy_notices.models import PrivacyNotice
from registers.models import Register
from tests.editor import register_post_data

pytestmark = pytest.mark.django_db

HUGE = str(2**63)


@pytest.mark.parametrize("field", ["data_categories", "sources", "recipients", "security_measures"])
def test_a_huge_tick_on_the_register_page_is_refused(
    client: Client, officer: User, register: Register, field: str
) -> None:
    client.force_login(officer)
    data = register_post_data(register)
    data[field] = [HUGE]
    response = client.post(f"/hallinta/{register.controller.slug}/rekisterit/{register.pk}/", data)
    assert response.status_code == 200
    assert "Mitään ei tallennettu" in response.content.decode()


def test_a_huge_register_id_on_the_notice_form_is_refused(
    client: Client, officer: User, register: Register
) -> None:
    client.force_login(officer)
    org = register.controller.slug
    page = client.get(f"/hallinta/{org}/selosteet/uusi/")
    assert page.status_code == 200
    response = client.post(
        f"/hallinta/{org}/selosteet/uusi/",
        {
            "title": "Tietosuojaseloste",
            "slug": "seloste",
            "registers": [HUGE],
            "earlier_history-TOTAL_FORMS": "0",
            "earlier_history-INITIAL_FORMS": "0",
        },
    )
    # The notice form answers an invalid submission with 400 and the form again.
    assert response.status_code == 400
    assert "id_registers" in response.content.decode()
    assert not PrivacyNotice.objects.exists()
