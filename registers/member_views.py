"""The members page (/hallinta/<org>/jasenet/) and accepting an invitation (/kutsu/<token>/).

Everyone in the organisation sees the members, the pending invitations and the log;
only an admin changes anything (403 otherwise), except that any member may leave.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from registers import invitations
from registers.access import (
    editor_context,
    members_only,
    membership_for,
    membership_for_request,
)
from registers.forms import InvitationForm, LeaveForm, RoleForm
from registers.members import change_role, remove_member
from registers.models import Invitation, Membership, MembershipEvent, MembershipRole

# The log shown on the page; older entries stay in the database (and the admin).
SHOWN_EVENTS = 100


def _admin_membership(request: HttpRequest, org: str) -> Membership:
    """The signed-in user's membership, which must be an admin's for a change."""
    membership = membership_for_request(request, org)
    if not membership.is_admin:
        raise PermissionDenied(_("Vain pääkäyttäjä voi muuttaa jäseniä ja kutsuja."))
    return membership


def _link_builder(request: HttpRequest) -> invitations.LinkBuilder:
    def link(token: str) -> str:
        return request.build_absolute_uri(reverse("invitation", kwargs={"token": token}))

    return link


def _members_page(
    request: HttpRequest,
    membership: Membership,
    *,
    form: InvitationForm | None = None,
    bound_role_form: tuple[int, RoleForm] | None = None,
) -> HttpResponse:
    controller = membership.controller
    members = list(
        Membership.objects.filter(controller=controller)
        .select_related("user")
        .order_by("user__email", "user__username")
    )
    rows = []
    for member in members:
        role_form = RoleForm(initial={"role": member.role}, auto_id=f"id_member_{member.pk}_%s")
        if bound_role_form is not None and bound_role_form[0] == member.pk:
            role_form = bound_role_form[1]
        rows.append((member, role_form))
    now = timezone.now()
    pending = [
        (invitation, invitation.is_expired(now))
        for invitation in Invitation.objects.filter(controller=controller)
        .pending()
        .select_related("invited_by")
    ]
    events = MembershipEvent.objects.filter(controller=controller)[:SHOWN_EVENTS]
    context = editor_context(
        membership,
        rows=rows,
        pending=pending,
        events=events,
        is_admin=membership.is_admin,
        form=form or InvitationForm(controller=controller),
    )
    return render(request, "registers/member_list.html", context)


@login_required
@members_only(["GET", "HEAD", "POST"])
def member_list(request: HttpRequest, org: str) -> HttpResponse:
    """The members; an admin's POST invites someone (or resends a pending invitation)."""
    if request.method != "POST":
        return _members_page(request, membership_for_request(request, org))
    membership = _admin_membership(request, org)
    form = InvitationForm(request.POST, controller=membership.controller)
    if form.is_valid():
        try:
            invitations.invite(
                controller=membership.controller,
                email=form.cleaned_data["email"],
                role=MembershipRole(form.cleaned_data["role"]),
                actor=request.user,  # type: ignore[arg-type]
                link=_link_builder(request),
            )
        except OSError:  # smtplib's errors included; the transaction was rolled back
            form.add_error(None, _("Kutsun lähettäminen epäonnistui. Yritä hetken kuluttua."))
        else:
            messages.success(
                request, _("Kutsu lähetetty osoitteeseen %(email)s.") % form.cleaned_data
            )
            return redirect("registers:members", org=org)
    return _members_page(request, membership, form=form)


@login_required
@members_only(["POST"])
def member_role(request: HttpRequest, org: str, member_pk: int) -> HttpResponse:
    membership = _admin_membership(request, org)
    member = get_object_or_404(Membership, pk=member_pk, controller=membership.controller)
    form = RoleForm(request.POST, auto_id=f"id_member_{member.pk}_%s")
    if form.is_valid():
        try:
            change_role(
                membership=member,
                role=MembershipRole(form.cleaned_data["role"]),
                actor=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as error:
            form.add_error("role", error)
        else:
            messages.success(request, _("Rooli muutettu."))
            return redirect("registers:members", org=org)
    return _members_page(request, membership, bound_role_form=(member.pk, form))


@login_required
@members_only(["POST"])
def member_remove(request: HttpRequest, org: str, member_pk: int) -> HttpResponse:
    membership = _admin_membership(request, org)
    member = get_object_or_404(Membership, pk=member_pk, controller=membership.controller)
    try:
        remove_member(membership=member, actor=request.user)  # type: ignore[arg-type]
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("registers:members", org=org)
    if member.user_id == request.user.pk:
        return redirect("registers:dashboard")
    messages.success(request, _("Jäsen poistettu organisaatiosta."))
    return redirect("registers:members", org=org)


@login_required
def member_leave(request: HttpRequest, org: str) -> HttpResponse:
    """Any member, a viewer too, may leave; the last admin may not."""
    membership = membership_for(request.user, org)  # 404 for outsiders, any method
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    form = LeaveForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            remove_member(membership=membership, actor=request.user)  # type: ignore[arg-type]
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Erosit organisaatiosta %(name)s.") % {"name": membership.controller.name},
            )
            return redirect("registers:dashboard")
    return render(request, "registers/member_leave.html", editor_context(membership, form=form))


def _pending_invitation(membership: Membership, invitation_pk: int) -> Invitation:
    return get_object_or_404(
        Invitation.objects.select_related("controller").pending(),
        pk=invitation_pk,
        controller=membership.controller,
    )


@login_required
@members_only(["POST"])
def invitation_resend(request: HttpRequest, org: str, invitation_pk: int) -> HttpResponse:
    membership = _admin_membership(request, org)
    invitation = _pending_invitation(membership, invitation_pk)
    try:
        invitations.resend(
            invitation=invitation,
            actor=request.user,  # type: ignore[arg-type]
            link=_link_builder(request),
        )
    except OSError:
        messages.error(request, _("Kutsun lähettäminen epäonnistui. Yritä hetken kuluttua."))
    else:
        messages.success(
            request, _("Kutsu lähetetty uudelleen osoitteeseen %(email)s.") % vars(invitation)
        )
    return redirect("registers:members", org=org)


@login_required
@members_only(["POST"])
def invitation_withdraw(request: HttpRequest, org: str, invitation_pk: int) -> HttpResponse:
    membership = _admin_membership(request, org)
    invitation = _pending_invitation(membership, invitation_pk)
    invitations.withdraw(invitation=invitation, actor=request.user)  # type: ignore[arg-type]
    messages.success(request, _("Kutsu peruttu: %(email)s.") % vars(invitation))
    return redirect("registers:members", org=org)


# --- Accepting ----------------------------------------------------------------------------


@never_cache
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The link of the invitation e-mail.

    A token that matches no invitation is a 404, so the page tells nothing to anyone
    without a real link; a used, withdrawn or expired one says so without naming the
    organisation. A GET never accepts (mail scanners open links): the button posts.
    """
    invitation = invitations.invitation_for_token(token)
    if invitation is None:
        raise Http404
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    reason = invitations.refusal(invitation)
    if reason is not None:
        return render(request, "registers/invitation_refused.html", {"reason": reason}, status=410)
    context: dict[str, Any] = {"invitation": invitation, "invited_to": invitation.controller}
    if not request.user.is_authenticated:
        # The hook for sign-up: an account made there comes back here by `next`.
        back = urlencode({"next": request.path})
        sign_up = invitations.sign_up_url()
        context["login_url"] = f"{reverse('login')}?{back}"
        context["sign_up_url"] = f"{sign_up}?{back}" if sign_up else None
        return render(request, "registers/invitation_sign_in.html", context)
    if not invitations.email_matches(invitation, request.user):
        return render(request, "registers/invitation_other_user.html", context, status=403)
    if request.method == "POST":
        try:
            membership = invitations.accept(invitation=invitation, user=request.user)
        except ValidationError as error:
            context["error"] = " ".join(error.messages)
        else:
            messages.success(
                request,
                _("Tervetuloa organisaatioon %(name)s.") % {"name": membership.controller.name},
            )
            return redirect("registers:organisation", org=membership.controller.slug)
    context["already_member"] = Membership.objects.filter(
        controller=invitation.controller, user=request.user
    ).exists()
    return render(request, "registers/invitation_accept.html", context)


@login_required
@require_POST
def invitation_accept_pending(request: HttpRequest, invitation_pk: int) -> HttpResponse:
    """Accept an invitation listed on the dashboard: one to a confirmed address of the
    signed-in user (``invitations.pending_for``); anything else is a 404."""
    invitation = next(
        (i for i in invitations.pending_for(request.user) if i.pk == invitation_pk), None
    )
    if invitation is None:
        raise Http404
    try:
        membership = invitations.accept(invitation=invitation, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("registers:dashboard")
    messages.success(
        request, _("Tervetuloa organisaatioon %(name)s.") % {"name": membership.controller.name}
    )
    return redirect("registers:organisation", org=membership.controller.slug)
