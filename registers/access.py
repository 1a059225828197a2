"""The tenancy boundary: a signed-in user reaches only their own organisations.

Every editor view fetches its controller through these helpers, so another
organisation's data is a 404 wherever it is asked for.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from registers.models import Controller, Membership, MembershipRole


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
    membership = membership_for(request.user, controller_slug)
    _check_edit(membership, edit=request.method not in ("GET", "HEAD"))
    return membership


def _check_edit(membership: Membership, *, edit: bool) -> None:
    if edit and membership.role != MembershipRole.EDITOR:
        raise PermissionDenied(_("Sinulla on vain lukuoikeus tähän organisaatioon."))
