"""Seloste's rules for django-axes, the brute-force protection of both sign-in forms:
the site's (django-allauth) and the admin's.

Two locks, each for ``AXES_COOLOFF_TIME`` after the last failure:

- a username from one address, after ``AXES_FAILURE_LIMIT`` wrong passwords (django-axes'
  own lock, ``AXES_LOCKOUT_PARAMETERS``; a successful sign-in lifts it);
- an address, after ``AXES_ADDRESS_FAILURE_LIMIT`` wrong passwords over any usernames
  (``SignInLimitsHandler``), against guessing over many usernames.

The address lock cannot be a second entry of ``AXES_LOCKOUT_PARAMETERS``: django-axes
8.3 compares the *largest* count over all the entries with the one
``AXES_FAILURE_LIMIT`` (``AxesDatabaseHandler.get_failures``, ``is_locked``), and an
address's count is never below the count of one username from it, so the address would
be locked at the per-user limit. ``AXES_RESET_ON_SUCCESS`` would also delete the
address's count on any successful sign-in from it, so an attacker with an account of
their own could lift the lock at will. Here a successful sign-in forgets only the
failures of the username that signed in.

The client's address comes from ``config.client_ip`` (``AXES_CLIENT_IP_CALLABLE``).
"""

from __future__ import annotations

from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

# django-axes stores the attempted username in a varchar(255); PostgreSQL refuses a
# longer value, which used to end the sign-in in a 500.
USERNAME_MAX_LENGTH = AccessAttempt._meta.get_field("username").max_length


def attempted_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    """The username django-axes records and locks by (``AXES_USERNAME_CALLABLE``).

    The site's sign-in (allauth) authenticates with ``username`` or ``email`` and posts
    the field ``login``; the admin's posts ``username``. An e-mail address is counted in
    lower case, as allauth matches it, so changing its case does not start a new count.
    Cut to django-axes' column: no real username is that long (Django's is at most
    150), so the attempt is still a failed sign-in, counted by its first 255
    characters, and no two real usernames are merged.
    """
    username = None
    if credentials:
        username = credentials.get("username") or credentials.get("email")
    if username is None:
        username = request.POST.get("login") or request.POST.get("username")
    if username is None:
        return None
    username = str(username)
    if "@" in username:
        username = username.lower()
    return username[:USERNAME_MAX_LENGTH]


def address_failures(request: HttpRequest) -> int:
    """Wrong passwords from the request's address within the cool-off, any username.

    Counted as django-axes counts a username's: a record's failures count while its
    last failure is within the cool-off. ``request`` has been through django-axes
    (``axes_ip_address``, ``axes_attempt_time``).
    """
    attempts = AccessAttempt.objects.filter(
        ip_address=request.axes_ip_address,  # type: ignore[attr-defined]
        attempt_time__gte=get_cool_off_threshold(request),
    )
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def is_address_locked(request: HttpRequest) -> bool:
    return address_failures(request) >= settings.AXES_ADDRESS_FAILURE_LIMIT


class SignInLimitsHandler(AxesDatabaseHandler):
    """django-axes' database handler (``AXES_HANDLER``) with the address lock added."""

    def is_locked(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> bool:
        # Asked before the password is checked (AxesStandaloneBackend), so a locked
        # address cannot sign in even with a right password.
        return super().is_locked(request, credentials) or is_address_locked(request)

    def user_login_failed(
        self,
        sender: Any,
        credentials: dict[str, Any],
        request: HttpRequest | None = None,
        **kwargs: Any,
    ) -> None:
        # django-axes records the failure and applies its own lock; then the address's.
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or request.axes_locked_out:  # type: ignore[attr-defined]
            return
        if self.is_whitelisted(request, credentials) or not is_address_locked(request):
            return
        request.axes_locked_out = True  # type: ignore[attr-defined]
        request.axes_credentials = credentials  # type: ignore[attr-defined]
        user_locked_out.send(
            "axes",
            request=request,
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,  # type: ignore[attr-defined]
        )


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict[str, Any]
) -> HttpResponse:
    """The Finnish lockout page (``AXES_LOCKOUT_CALLABLE``), telling which lock it is.

    django-axes calls this with three arguments and, on a TypeError, again with two:
    a TypeError raised in here shows up as a second, misleading one.
    """
    by_address = is_address_locked(request)
    context = {
        "by_address": by_address,
        "failure_limit": (
            settings.AXES_ADDRESS_FAILURE_LIMIT if by_address else settings.AXES_FAILURE_LIMIT
        ),
        "cooloff_timedelta": get_cool_off(request),
    }
    return render(
        request,
        settings.AXES_LOCKOUT_TEMPLATE,
        context,
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
