from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_home_page_is_finnish_and_links_to_sign_in(client: Client) -> None:
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fi">' in body
    assert 'href="/accounts/login/"' in body


def test_a_signed_in_user_goes_straight_to_the_editor(client: Client, officer: User) -> None:
    client.force_login(officer)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/hallinta/"
