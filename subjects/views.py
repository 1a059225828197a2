"""The officer's inbox of requests, under /hallinta/<org>/pyynnot/.

Members see the requests of their own organisation only (registers/access.py: 404
for everyone else); viewers read, editors and admins handle. A request whose address
is not yet confirmed does not exist here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from registers.access import editor_context, members_only, membership_for_request
from registers.models import Membership, Register
from subjects import handling
from subjects.forms import (
    ExtensionForm,
    InboxFilterForm,
    NoteForm,
    PolicyForm,
    ReplyForm,
    ReplyTemplateForm,
    StatusForm,
)
from subjects.models import (
    SOON_DUE_DAYS,
    ReplyKind,
    ReplyTemplate,
    RequestPolicy,
    RequestStatus,
    SubjectRequest,
)
from subjects.replies import DEFAULTS, PLACEHOLDERS, drafted, mail_failed_message
from subjects.submission import MailNotSent

PAGE_SIZE = 50

# The template a status suggests for the reply that goes with it.
STATUS_REPLY = {
    ReplyKind.IDENTITY: RequestStatus.IDENTITY,
    ReplyKind.COMPLETED: RequestStatus.DONE,
    ReplyKind.REFUSED: RequestStatus.REFUSED,
}


def _requests(membership: Membership) -> Any:
    return SubjectRequest.objects.for_controller(membership.controller).received()


def _request(membership: Membership, request_pk: int) -> SubjectRequest:
    return get_object_or_404(
        _requests(membership)
        .select_related("controller")
        .prefetch_related("registers", Prefetch("events")),
        pk=request_pk,
    )


@login_required
@members_only(["GET", "HEAD"])
def inbox(request: HttpRequest, org: str) -> HttpResponse:
    membership = membership_for_request(request, org)
    controller = membership.controller
    today = timezone.localdate()
    registers = list(Register.objects.for_controller(controller).order_by("name"))
    form = InboxFilterForm(request.GET or None, registers=registers)
    requests = form.filter(_requests(membership), today).prefetch_related("registers")
    page = Paginator(requests.order_by("due_on", "pk"), PAGE_SIZE).get_page(request.GET.get("sivu"))
    query = request.GET.copy()
    query.pop("sivu", None)
    return render(
        request,
        "subjects/inbox.html",
        editor_context(
            membership,
            form=form,
            page=page,
            today=today,
            soon_days=SOON_DUE_DAYS,
            query=query.urlencode(),
            overdue=_requests(membership).overdue(today).count(),
            soon_due=_requests(membership).soon_due(today).count(),
        ),
    )


def _detail(
    request: HttpRequest,
    membership: Membership,
    found: SubjectRequest,
    *,
    status_form: StatusForm | None = None,
    reply_form: ReplyForm | None = None,
    extension_form: ExtensionForm | None = None,
    note_form: NoteForm | None = None,
    status: int = 200,
) -> HttpResponse:
    today = timezone.localdate()
    kind = request.GET.get("pohja", "")
    if reply_form is None:
        initial: dict[str, str] = {}
        if kind in ReplyKind.values:
            reply = drafted(found, kind)
            initial = {"subject": reply.subject, "body": reply.body}
            suggested = STATUS_REPLY.get(kind)  # type: ignore[call-overload]
            if suggested in found.next_statuses():
                initial["status"] = suggested
        reply_form = ReplyForm(request=found, initial=initial)
    if extension_form is None and found.can_extend(today):
        reply = drafted(found, ReplyKind.EXTENSION)
        extension_form = ExtensionForm(
            request=found, initial={"subject": reply.subject, "body": reply.body}
        )
    return render(
        request,
        "subjects/request_detail.html",
        editor_context(
            membership,
            request_obj=found,
            today=today,
            can_extend=found.can_extend(today),
            status_form=status_form or StatusForm(request=found),
            reply_form=reply_form,
            extension_form=extension_form,
            note_form=note_form or NoteForm(),
            reply_kinds=ReplyKind.choices,
            placeholders=PLACEHOLDERS,
        ),
        status=status,
    )


@login_required
@members_only(["GET", "HEAD"])
def request_detail(request: HttpRequest, org: str, request_pk: int) -> HttpResponse:
    membership = membership_for_request(request, org)
    return _detail(request, membership, _request(membership, request_pk))


def _done(form: Any, step: Callable[[], object]) -> bool:
    """Run a handling step for a valid form; a refusal or a mail error goes on the form,
    and the step stored nothing (handling.py runs each step in one transaction)."""
    if not form.is_valid():
        return False
    try:
        step()
    except ValidationError as error:
        form.add_error(None, error)
    except MailNotSent:
        form.add_error(None, mail_failed_message())
    else:
        return True
    return False


def _handled(request: HttpRequest, org: str, found: SubjectRequest, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("subjects:request", org=org, request_pk=found.pk)


@login_required
@members_only(["POST"])
def request_status(request: HttpRequest, org: str, request_pk: int) -> HttpResponse:
    membership = membership_for_request(request, org)
    found = _request(membership, request_pk)
    form = StatusForm(request.POST, request=found)

    def step() -> None:
        handling.change_status(request=found, actor=request.user, **form.cleaned_data)

    if _done(form, step):
        found.refresh_from_db()
        message = _("Tila muutettu: %s.") % found.get_status_display()
        return _handled(request, org, found, message)
    return _detail(request, membership, found, status_form=form, status=400)


@sensitive_post_parameters()
@login_required
@members_only(["POST"])
def request_reply(request: HttpRequest, org: str, request_pk: int) -> HttpResponse:
    membership = membership_for_request(request, org)
    found = _request(membership, request_pk)
    form = ReplyForm(request.POST, request=found)

    def step() -> None:
        handling.reply(request=found, actor=request.user, **form.cleaned_data)

    if _done(form, step):
        return _handled(request, org, found, _("Viesti lähetetty pyytäjälle."))
    return _detail(request, membership, found, reply_form=form, status=400)


@sensitive_post_parameters()
@login_required
@members_only(["POST"])
def request_extend(request: HttpRequest, org: str, request_pk: int) -> HttpResponse:
    membership = membership_for_request(request, org)
    found = _request(membership, request_pk)
    form = ExtensionForm(request.POST, request=found)

    def step() -> None:
        handling.extend(request=found, actor=request.user, **form.cleaned_data)

    if _done(form, step):
        message = _("Määräaikaa jatkettu ja pyytäjälle ilmoitettu.")
        return _handled(request, org, found, message)
    return _detail(request, membership, found, extension_form=form, status=400)


@sensitive_post_parameters()
@login_required
@members_only(["POST"])
def request_note(request: HttpRequest, org: str, request_pk: int) -> HttpResponse:
    membership = membership_for_request(request, org)
    found = _request(membership, request_pk)
    form = NoteForm(request.POST)

    def step() -> None:
        handling.add_note(request=found, actor=request.user, **form.cleaned_data)

    if _done(form, step):
        return _handled(request, org, found, _("Muistiinpano lisätty."))
    return _detail(request, membership, found, note_form=form, status=400)


@login_required
@members_only(["GET", "HEAD", "POST"])
def request_settings(request: HttpRequest, org: str) -> HttpResponse:
    """The retention period and the reply templates, saved together."""
    membership = membership_for_request(request, org)
    controller = membership.controller
    policy = RequestPolicy.objects.filter(controller=controller).first() or RequestPolicy(
        controller=controller
    )
    data = request.POST if request.method == "POST" else None
    policy_form = PolicyForm(data, instance=policy, prefix="policy")
    template_forms = []
    for kind, label in ReplyKind.choices:
        instance = ReplyTemplate.objects.filter(controller=controller, kind=kind).first()
        if instance is None:
            subject, body = DEFAULTS[kind]
            instance = ReplyTemplate(
                controller=controller, kind=kind, subject=str(subject), body=str(body)
            )
        template_forms.append(
            (kind, label, ReplyTemplateForm(data, instance=instance, prefix=kind))
        )
    if (
        data is not None
        and policy_form.is_valid()
        and all(f.is_valid() for *_, f in template_forms)
    ):
        policy_form.save()
        for kind, _label, form in template_forms:
            default_subject, default_body = DEFAULTS[kind]
            unchanged = form.cleaned_data["subject"] == str(default_subject) and form.cleaned_data[
                "body"
            ] == str(default_body)
            if unchanged:
                # The default stays the default: a later, better wording reaches it.
                ReplyTemplate.objects.filter(controller=controller, kind=kind).delete()
            else:
                form.save()
        messages.success(request, _("Pyyntöjen asetukset tallennettu."))
        return redirect("subjects:settings", org=org)
    return render(
        request,
        "subjects/request_settings.html",
        editor_context(
            membership,
            policy_form=policy_form,
            template_forms=template_forms,
            placeholders=PLACEHOLDERS,
        ),
        status=400 if data is not None else 200,
    )
