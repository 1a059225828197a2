"""Template context for the editor's navigation."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from registers.models import Membership


def organisations(request: HttpRequest) -> dict[str, object]:
    """The signed-in user's memberships for the organisation switcher.

    Lazy: queried only when a page's navigation shows them.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"user_memberships": []}
    return {
        "user_memberships": SimpleLazyObject(
            lambda: list(
                Membership.objects.filter(user=user)
                .select_related("controller")
                .order_by("controller__name")
            )
        )
    }
