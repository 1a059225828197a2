from __future__ import annotations

import pytest
from django.test import Client


@pytest.mark.django_db
def test_the_home_page_is_finnish_and_links_to_sign_in(client: Client) -> None:
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fi">' in body
    assert 'href="/admin/"' in body
