"""Accounts (django-allauth): sign-up, e-mail confirmation, passwords, closed sign-up."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client, override_settings

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

SIGNUP = "/accounts/signup/"
LOGIN = "/accounts/login/"
NEW_PASSWORD = "Kuusi-kaunista-kesäpäivää"  # noqa: S105


def sign_up(client: Client, email: str, password: str = NEW_PASSWORD) -> object:
    return client.post(SIGNUP, {"email": email, "password1": password, "password2": password})


def link_in(message: mail.EmailMessage) -> str:
    """The path of the one link of this site in an e-mail."""
    match = re.search(r"https?://testserver(/accounts/\S+)", message.body)
    assert match, message.body
    return match.group(1)


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_the_sign_up_page_is_finnish(client: Client) -> None:
    body = client.get(SIGNUP).content.decode()
    assert "Luo tunnus" in body
    assert "Sähköposti" in body


def test_a_stranger_signs_up_confirms_the_address_and_signs_in_by_it(client: Client) -> None:
    response = sign_up(client, "Uusi.Henkilo@example.fi")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    user = User.objects.get(email__iexact="uusi.henkilo@example.fi")
    assert not signed_in(client)
    assert client.get(response["Location"]).content.decode().count("vahvistuslinkki") == 1

    assert len(mail.outbox) == 1
    confirm = link_in(mail.outbox[0])
    page = client.get(confirm)
    assert "Vahvista" in page.content.decode()
    assert client.post(confirm).status_code == 302
    assert EmailAddress.objects.get(user=user).verified

    response = client.post(LOGIN, {"login": "uusi.henkilo@example.fi", "password": NEW_PASSWORD})
    assert response["Location"] == "/hallinta/"
    assert signed_in(client)


def test_an_unconfirmed_address_cannot_sign_in(client: Client) -> None:
    sign_up(client, "odottaa@example.fi")
    response = client.post(LOGIN, {"login": "odottaa@example.fi", "password": NEW_PASSWORD})
    assert response["Location"] == "/accounts/confirm-email/"
    assert not signed_in(client)
    assert client.get("/hallinta/").status_code == 302


def test_an_invalid_address_is_refused_next_to_the_field_and_kept(client: Client) -> None:
    response = sign_up(client, "ei-osoite")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Syötä kelvollinen sähköpostiosoite." in body
    assert 'value="ei-osoite"' in body
    assert not User.objects.exclude(is_staff=True).exists()
    assert mail.outbox == []


def test_a_duplicate_address_creates_no_second_account(client: Client, officer: User) -> None:
    # allauth does not tell a stranger that an address has an account (enumeration):
    # the page reads as for a new sign-up, and the owner gets a mail about it.
    response = sign_up(client, officer.email.upper())
    assert response.status_code == 302
    assert User.objects.filter(email__iexact=officer.email).count() == 1
    assert [m.to for m in mail.outbox] == [[officer.email]]


def test_mismatched_passwords_are_refused_in_finnish(client: Client) -> None:
    response = client.post(
        SIGNUP, {"email": "a@example.fi", "password1": NEW_PASSWORD, "password2": "toinen"}
    )
    assert response.status_code == 200
    assert "Salasanojen tulee olla samat." in response.content.decode()
    assert not User.objects.filter(email="a@example.fi").exists()


@override_settings(SIGNUP_OPEN=False)
def test_closed_sign_up_says_so_and_creates_nothing(client: Client) -> None:
    assert "Rekisteröityminen on suljettu" in client.get(SIGNUP).content.decode()
    response = sign_up(client, "kuka@example.fi")
    assert "Rekisteröityminen on suljettu" in response.content.decode()
    assert not User.objects.filter(email="kuka@example.fi").exists()
    assert mail.outbox == []


def test_staff_made_users_sign_in_by_username_without_an_address_row(
    client: Client, officer: User
) -> None:
    assert not EmailAddress.objects.filter(user=officer).exists()
    response = client.post(LOGIN, {"login": "officer", "password": PASSWORD})
    assert response["Location"] == "/hallinta/"


def test_a_password_reset_link_works_once(client: Client, officer: User) -> None:
    response = client.post("/accounts/password/reset/", {"email": officer.email})
    assert response.status_code == 302
    link = link_in(mail.outbox[0])

    response = client.get(link)  # allauth moves the key into the session
    assert response.status_code == 302
    form_url = response["Location"]
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password(NEW_PASSWORD)

    again = Client()
    response = again.get(link, follow=True)
    assert "Palautuslinkki on virheellinen, vanhentunut tai jo käytetty." in (
        response.content.decode()
    )


def test_a_password_reset_for_an_unknown_address_sends_nothing_useful(client: Client) -> None:
    response = client.post("/accounts/password/reset/", {"email": "ei-ole@example.fi"})
    assert response.status_code == 302
    assert all("/accounts/password/reset/key/" not in m.body for m in mail.outbox)


def test_a_signed_in_user_changes_the_password(client: Client, officer: User) -> None:
    client.force_login(officer)
    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": "väärä", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    officer.refresh_from_db()
    assert officer.check_password(PASSWORD)

    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password(NEW_PASSWORD)
    assert signed_in(client)


def test_signing_in_by_address_counts_toward_the_same_lock_in_any_case(
    client: Client, officer: User
) -> None:
    from django.conf import settings

    for n in range(settings.AXES_FAILURE_LIMIT):
        login = officer.email if n % 2 else officer.email.upper()
        client.post(LOGIN, {"login": login, "password": "väärä"})
    response = client.post(LOGIN, {"login": officer.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "Kirjautuminen on tilapäisesti estetty" in response.content.decode()
    assert not signed_in(client)


@pytest.mark.parametrize(
    "url",
    [
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/logout/",
        "/accounts/reauthenticate/",
    ],
)
def test_the_account_pages_are_inside_the_sites_layout(
    client: Client, officer: User, url: str
) -> None:
    client.force_login(officer)
    response = client.get(url)
    assert response.status_code == 200, url
    body = response.content.decode()
    assert 'class="navbar-brand' in body
    assert "vendor/bootstrap/bootstrap.min" in body


@pytest.mark.parametrize(
    "url",
    [
        LOGIN,
        SIGNUP,
        "/accounts/password/reset/",
        "/accounts/confirm-email/x/",
        "/accounts/password/reset/key/1-x/",
    ],
)
def test_the_signed_out_account_pages_are_finnish(client: Client, url: str) -> None:
    response = client.get(url, follow=True)
    assert response.status_code == 200, url
    body = response.content.decode()
    assert 'lang="fi"' in body
    for english in ("Sign In", "Sign Up", "Password Reset", "Confirm Email"):
        assert english not in body, (url, english)


def test_the_adapter_imports_before_anything_else_of_allauth() -> None:
    """The system checks may load the adapter first (their order is not fixed): a
    circular import inside allauth once failed `check --deploy` that way."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = "import django; django.setup(); import config.accounts"
    env = {**os.environ, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "config.settings"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
