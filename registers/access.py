"""The tenancy boundary: a signed-in user reaches only their own organisations.

Every editor view fetches its controller through these helpers, so another
organisation's data is a 404 wherever it is asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.utils.translation import gettext as _

from registers.models import Controller, Membership

ViewFunc = Callable[..., HttpResponse]


def membership_for(user: AbstractBaseUser | AnonymousUser, controller_slug: str) -> Membership:
    """The user's membership in the controller, or 404 if the user is not a member."""
    if not user.is_authenticated:
        raise Http404
    membership = (
        Membership.objects.select_related("controller")
        .filter(user=user, controller__slug=controller_slug)
        .first()
    )
    if membership is None:
        raise Http404
    if not membership.controller.is_active:
        # A member is told why; an outsider got the 404 above.
        raise PermissionDenied(
            _("Ylläpito on poistanut organisaation käytöstä. Ota yhteyttä palvelun ylläpitoon.")
        )
    return membership


def controller_for(
    user: AbstractBaseUser | AnonymousUser, controller_slug: str, *, edit: bool = False
) -> Controller:
    """The user's controller; 404 for non-members, 403 for a viewer asked to edit."""
    membership = membership_for(user, controller_slug)
    _check_edit(membership, edit=edit)
    return membership.controller


def membership_for_request(request: HttpRequest, controller_slug: str) -> Membership:
    """The signed-in user's membership for an editor view.

    404 for non-members; 403 for a viewer's write (any method but GET and HEAD),
    so a viewer sees every page but cannot change anything.
    """
    # Cached on the request: a decorator and the view may both ask.
    membership: Membership | None = getattr(request, "_seloste_membership", None)
    if membership is None or membership.controller.slug != controller_slug:
        membership = membership_for(request.user, controller_slug)
        request._seloste_membership = membership  # type: ignore[attr-defined]
    _check_edit(membership, edit=request.method not in ("GET", "HEAD"))
    return membership


def _check_edit(membership: Membership, *, edit: bool) -> None:
    if edit and not membership.can_edit:
        raise PermissionDenied(_("Sinulla on vain lukuoikeus tähän organisaatioon."))


def members_only(methods: Sequence[str]) -> Callable[[ViewFunc], ViewFunc]:
    """Like ``require_http_methods``, but tenancy first.

    An outsider gets 404 whatever the method, so that a URL's existence (and
    the methods it takes) is never told to someone outside the organisation;
    a viewer's write is 403 as everywhere; only then is a method refused (405).
    """
    allowed = [method.upper() for method in methods]

    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            membership_for_request(request, kwargs["org"])
            if request.method not in allowed:
                return HttpResponseNotAllowed(allowed)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def editor_context(membership: Membership, **extra: Any) -> dict[str, Any]:
    """What every editor page needs to know of the signed-in user's membership."""
    return {
        "membership": membership,
        "organisation": membership.controller,
        "can_edit": membership.can_edit,
        **extra,
    }
