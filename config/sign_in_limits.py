"""Seloste's rules for django-axes, the brute-force protection of both sign-in forms.

django-axes stores the attempted username in a ``varchar(255)``; PostgreSQL refuses a
longer value, so an overlong username used to end the sign-in in a 500.
"""

from __future__ import annotations

from typing import Any

from axes.models import AccessAttempt
from django.conf import settings
from django.http import HttpRequest

USERNAME_MAX_LENGTH = AccessAttempt._meta.get_field("username").max_length


def attempted_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    """The username django-axes records and locks by (``AXES_USERNAME_CALLABLE``).

    As django-axes' own lookup, cut to its column: no real username is that long
    (Django's is at most 150), so the attempt is still a failed sign-in, counted by its
    first 255 characters, and no two real usernames are merged.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    username = credentials.get(field) if credentials else request.POST.get(field)
    if username is None:
        return None
    return str(username)[:USERNAME_MAX_LENGTH]
