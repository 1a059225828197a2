"""The tenancy boundary: a signed-in user reaches only their own organisations.

Every editor view fetches its controller through these helpers, so another
organisation's data is a 404 wherever it is asked for.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
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
    if edit and membership.role != MembershipRole.EDITOR:
        raise PermissionDenied(_("Sinulla on vain lukuoikeus tähän organisaatioon."))
    return membership.controller
