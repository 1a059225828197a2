"""Template context for the editor's navigation."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from registers.models import Membership


def organisations(request: HttpRequest) -> dict[str, object]:
    """The signed-in user's memberships for the organisation switcher.

    Lazy all the way: neither the user nor the session is looked at unless a
    page's navigation shows them, so public pages stay free of "Vary: Cookie"
    and cacheable.
    """

    def memberships() -> list[Membership]:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return []
        return list(
            Membership.objects.filter(user=user)
            .select_related("controller")
            .order_by("controller__name")
        )

    return {"user_memberships": SimpleLazyObject(memberships)}
