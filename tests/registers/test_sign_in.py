"""Signing in: Finnish pages, brute-force protection (django-axes), sessions, CSRF."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone

from registers.models import Register
from tests.editor import register_post_data
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"
# The site's sign-in (django-allauth) takes a username or an e-mail address as "login".
FIELD = {LOGIN: "login", ADMIN_LOGIN: "username"}


def sign_in(
    client: Client,
    password: str,
    *,
    username: str = "officer",
    ip: str = "10.0.0.1",
    url: str = LOGIN,
) -> HttpResponse:
    return client.post(url, {FIELD[url]: username, "password": password}, REMOTE_ADDR=ip)


def test_the_sign_in_page_is_finnish(client: Client) -> None:
    body = client.get(LOGIN).content.decode()
    assert "Kirjaudu sisään" in body
    assert "csrfmiddlewaretoken" in body


def test_an_officer_signs_in_and_lands_in_the_editor(client: Client, officer: User) -> None:
    response = sign_in(client, PASSWORD)
    assert response["Location"] == "/hallinta/"


def test_a_wrong_password_is_refused_in_finnish(client: Client, officer: User) -> None:
    response = sign_in(client, "väärä")
    assert response.status_code == 200
    assert "Käyttäjätunnus tai salasana on väärin." in response.content.decode()


def fail(client: Client, times: int, **kwargs: str) -> None:
    """Wrong passwords; the one that reaches the limit is already answered with the lock."""
    for attempt in range(1, times + 1):
        expected = 429 if attempt >= settings.AXES_FAILURE_LIMIT else 200
        assert sign_in(client, "väärä", **kwargs).status_code == expected


def test_five_failures_lock_the_username_from_that_address(client: Client, officer: User) -> None:
    fail(client, settings.AXES_FAILURE_LIMIT - 1)
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302  # still below the limit

    client.logout()
    fail(client, settings.AXES_FAILURE_LIMIT)
    response = sign_in(client, PASSWORD)
    assert response.status_code == 429
    body = response.content.decode()
    assert "Kirjautuminen on tilapäisesti estetty" in body
    assert "15 minuutin" in body


def test_an_attacker_cannot_lock_the_real_user_out_from_elsewhere(
    client: Client, officer: User
) -> None:
    fail(client, settings.AXES_FAILURE_LIMIT, ip="203.0.113.9")
    assert sign_in(client, PASSWORD, ip="203.0.113.9").status_code == 429
    assert sign_in(client, PASSWORD, ip="10.0.0.1").status_code == 302


def test_the_lock_lifts_after_the_cool_off(client: Client, officer: User) -> None:
    fail(client, settings.AXES_FAILURE_LIMIT)
    assert sign_in(client, PASSWORD).status_code == 429
    assert timedelta(minutes=30) >= settings.AXES_COOLOFF_TIME
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - settings.AXES_COOLOFF_TIME
    )
    assert sign_in(client, PASSWORD).status_code == 302


def test_a_successful_sign_in_resets_the_count(client: Client, officer: User) -> None:
    fail(client, settings.AXES_FAILURE_LIMIT - 1)
    assert sign_in(client, PASSWORD).status_code == 302
    client.logout()
    fail(client, settings.AXES_FAILURE_LIMIT - 1)
    assert sign_in(client, PASSWORD).status_code == 302


def test_the_session_ends_with_the_browser_or_a_working_day() -> None:
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    assert settings.SESSION_COOKIE_HTTPONLY


def test_signing_out_is_a_post(client: Client, officer: User) -> None:
    client.force_login(officer)
    response = client.post("/accounts/logout/")
    assert response["Location"] == LOGIN
    assert client.get("/hallinta/").status_code == 302


def test_a_save_without_the_csrf_token_is_refused(officer: User, register: Register) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    data = register_post_data(register)
    data["name"] = "Ilman tokenia"
    response = client.post(f"/hallinta/oma-organisaatio-oy/rekisterit/{register.pk}/", data)
    assert response.status_code == 403
    register.refresh_from_db()
    assert register.name == "Asiakasrekisteri"


def through_nginx(
    client: Client, password: str, visitor: str, *, username: str = "officer", url: str = LOGIN
) -> HttpResponse:
    """A sign-in as the shipped nginx passes it on: from 127.0.0.1, with X-Real-IP."""
    return client.post(
        url,
        {FIELD[url]: username, "password": password},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_REAL_IP=visitor,
    )


def test_behind_the_proxy_the_lock_is_on_the_visitors_own_address(
    client: Client, officer: User
) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        through_nginx(client, "väärä", "203.0.113.9")
    assert through_nginx(client, PASSWORD, "203.0.113.9").status_code == 429
    # Everyone comes from nginx's address; only the attacker's own address is locked.
    assert through_nginx(client, PASSWORD, "198.51.100.4").status_code == 302


# Both sign-in forms: each has its own Finnish error for a wrong username or password,
# and its own kind of user (the admin's is staff).
SIGN_IN_FORMS = [
    pytest.param(LOGIN, "Käyttäjätunnus tai salasana on väärin.", "officer", id="site"),
    pytest.param(
        ADMIN_LOGIN, "syötä henkilökuntatilin käyttäjätunnus ja salasana", "staff", id="admin"
    ),
]


@pytest.mark.parametrize(("url", "error", "user"), SIGN_IN_FORMS)
@pytest.mark.parametrize("length", [256, 10_000])
def test_an_overlong_username_is_just_a_failed_sign_in(
    client: Client, url: str, error: str, user: str, length: int
) -> None:
    # django-axes records the username in a varchar(255): PostgreSQL refused a longer
    # one with a DataError (a 500), SQLite stores it whole.
    response = sign_in(client, "väärä", username="x" * length, url=url)
    assert response.status_code == 200
    assert error in response.content.decode()
    attempt = AccessAttempt.objects.get()
    assert len(attempt.username) <= AccessAttempt._meta.get_field("username").max_length


@pytest.mark.parametrize(("url", "error", "user"), SIGN_IN_FORMS)
def test_an_overlong_username_still_counts_toward_the_lock(
    client: Client, request: pytest.FixtureRequest, url: str, error: str, user: str
) -> None:
    request.getfixturevalue(user)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert error in sign_in(client, "väärä", username="x" * 300, url=url).content.decode()
    response = sign_in(client, "väärä", username="x" * 300, url=url)
    assert response.status_code == 429
    assert "Kirjautuminen on tilapäisesti estetty" in response.content.decode()
    # The lock is on that (cut) username from that address, not on the real user.
    assert sign_in(client, PASSWORD, username=user, url=url).status_code == 302


def guess_many_usernames(client: Client, visitor: str, attempts: range) -> list[int]:
    """Wrong passwords through nginx, each username below its own lock; the statuses."""
    per_username = settings.AXES_FAILURE_LIMIT - 1
    return [
        through_nginx(client, "väärä", visitor, username=f"arvaus-{n // per_username}").status_code
        for n in attempts
    ]


def test_wrong_passwords_over_many_usernames_lock_the_address(
    client: Client, officer: User, staff: User
) -> None:
    limit = settings.AXES_ADDRESS_FAILURE_LIMIT
    statuses = guess_many_usernames(client, "203.0.113.9", range(limit))
    # The one that reaches the limit is already answered with the lock.
    assert statuses == [200] * (limit - 1) + [429]

    response = through_nginx(client, PASSWORD, "203.0.113.9")
    assert response.status_code == 429
    body = response.content.decode()
    assert "Kirjautuminen on tilapäisesti estetty" in body
    assert f"liian monta kertaa ({settings.AXES_ADDRESS_FAILURE_LIMIT})" in body
    assert "koskee kaikkia tunnuksia tästä osoitteesta" in body
    assert "15 minuutin" in body
    admin = through_nginx(client, PASSWORD, "203.0.113.9", username="staff", url=ADMIN_LOGIN)
    assert admin.status_code == 429
    # The same users from any other address sign in as usual.
    assert through_nginx(client, PASSWORD, "198.51.100.4").status_code == 302
    client.logout()
    admin = through_nginx(client, PASSWORD, "198.51.100.4", username="staff", url=ADMIN_LOGIN)
    assert admin.status_code == 302


def test_the_per_user_lock_still_comes_first_and_only_for_that_username(
    client: Client, officer: User, colleague: User
) -> None:
    assert settings.AXES_ADDRESS_FAILURE_LIMIT > settings.AXES_FAILURE_LIMIT
    fail(client, settings.AXES_FAILURE_LIMIT)
    response = sign_in(client, PASSWORD)
    assert response.status_code == 429
    body = response.content.decode()
    assert f"liian monta kertaa ({settings.AXES_FAILURE_LIMIT})" in body
    assert "koskee vain tätä tunnusta tästä osoitteesta" in body
    # Below the address limit, a colleague at the same address is not affected.
    assert sign_in(client, PASSWORD, username="colleague").status_code == 302


def test_signing_in_to_an_account_of_ones_own_does_not_lift_the_address_count(
    client: Client, officer: User, colleague: User
) -> None:
    limit = settings.AXES_ADDRESS_FAILURE_LIMIT
    assert set(guess_many_usernames(client, "203.0.113.9", range(limit - 1))) == {200}
    assert through_nginx(client, PASSWORD, "203.0.113.9", username="colleague").status_code == 302
    client.logout()
    assert guess_many_usernames(client, "203.0.113.9", range(limit - 1, limit)) == [429]


def test_the_address_lock_lifts_after_the_cool_off(client: Client, officer: User) -> None:
    guess_many_usernames(client, "203.0.113.9", range(settings.AXES_ADDRESS_FAILURE_LIMIT))
    assert through_nginx(client, PASSWORD, "203.0.113.9").status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME)
    assert through_nginx(client, PASSWORD, "203.0.113.9").status_code == 302
