"""Importing an old notice or starting from a template, under /hallinta/<org>/tuo/.

The whole import is for editors: a viewer gets 403 on every page of it (its pages
show the organisation's old notice being turned into registers, which a viewer
could do nothing with), an outsider 404 as everywhere. The upload or the chosen
template becomes a proposal kept in an ImportDraft; the review page turns the
officer's decisions into draft registers (registers.importing.apply) and deletes
the draft. Nothing is saved but the draft until the officer accepts.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from registers.access import editor_context, members_only, membership_for_request
from registers.importing.apply import ProposalInvalid, apply_proposal, import_reason
from registers.importing.proposal import Proposal
from registers.importing.propose import propose
from registers.importing.read import (
    UnreadableFile,
    check_size,
    file_name,
    max_upload_bytes,
    megabytes,
    read_pasted,
    read_upload,
)
from registers.importing.review import Review
from registers.importing.templates import available_templates, template_proposal
from registers.models import Controller, ImportDraft, ImportOrigin, Membership

ACCEPTED_FILES = ".txt,.pdf,.docx"
ORIGIN_LENGTH = ImportDraft._meta.get_field("origin").max_length or 255


class ImportStartForm(forms.Form):
    """An uploaded file or a pasted text, read and proposed as the form is validated."""

    file = forms.FileField(
        label=gettext_lazy("Selosteen tiedosto"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED_FILES}),
    )
    text = forms.CharField(
        label=gettext_lazy("…tai liitä selosteen teksti"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 10}),
    )

    def __init__(self, *args: Any, controller: Controller, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.controller = controller
        self.proposal: Proposal | None = None
        limit = megabytes(max_upload_bytes())
        self.fields["file"].help_text = _(
            "Word (.docx), PDF tai tekstitiedosto (.txt), enintään %(limit)s MB. Skannatusta "
            "PDF:stä ei saa tekstiä: liitä silloin teksti alla olevaan kenttään."
        ) % {"limit": limit}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        upload = data.get("file")
        pasted = data.get("text") or ""
        if upload and pasted.strip():
            raise forms.ValidationError(
                _("Valitse joko tiedosto tai liitetty teksti, ei molempia."), code="both"
            )
        if upload:
            self._propose_file(upload)
        elif pasted.strip():
            self._propose(
                "text", lambda: read_pasted(pasted), origin=_("liitetty teksti"), kind="paste"
            )
        else:
            raise forms.ValidationError(
                _("Valitse selosteen tiedosto tai liitä selosteen teksti."), code="empty"
            )
        return data

    def _propose_file(self, upload: Any) -> None:
        name = file_name(str(upload.name or ""))[:ORIGIN_LENGTH]

        def read() -> str:
            # The size first: a 50 MB file is never read into memory (Django keeps an
            # upload over FILE_UPLOAD_MAX_MEMORY_SIZE in a temporary file).
            check_size(upload.size)
            return read_upload(name, upload.read())

        self._propose("file", read, origin=name, kind=ImportOrigin.FILE)

    def _propose(self, field: str, read: Any, *, origin: str, kind: str) -> None:
        try:
            text = read()
            # NothingRecognised (a text with no section of a notice) is an UnreadableFile.
            self.proposal = propose(text, self.controller, origin=origin, origin_kind=kind)
        except UnreadableFile as unreadable:
            self.add_error(field, unreadable.message)


def _editor(request: HttpRequest, org: str) -> Membership:
    membership = membership_for_request(request, org)
    if not membership.can_edit:
        raise PermissionDenied(_("Vain muokkaajat voivat tuoda selosteita."))
    return membership


@login_required
@members_only(["GET", "POST"])
def import_start(request: HttpRequest, org: str) -> HttpResponse:
    membership = _editor(request, org)
    controller = membership.controller
    form = ImportStartForm(controller=controller)
    template_error = None
    if request.method == "POST":
        if "template" in request.POST:
            try:
                proposal = template_proposal(request.POST["template"], controller)
            except LookupError:
                proposal = None
                template_error = _("Mallipohjaa ei löydy. Valitse mallipohja luettelosta.")
        else:
            form = ImportStartForm(request.POST, request.FILES, controller=controller)
            proposal = form.proposal if form.is_valid() else None
        if proposal is not None:
            draft = _save_draft(controller, request.user, proposal)
            return redirect("registers:import_review", org=org, draft_pk=draft.pk)
    drafts = ImportDraft.objects.for_controller(controller).select_related("created_by")
    return render(
        request,
        "registers/import_start.html",
        editor_context(
            membership,
            form=form,
            templates=available_templates(),
            template_error=template_error,
            drafts=drafts,
        ),
    )


@transaction.atomic
def _save_draft(controller: Controller, user: Any, proposal: Proposal) -> ImportDraft:
    # A review left half-way a month ago is nobody's work any more (ImportDraft).
    stale = timezone.now() - timedelta(days=ImportDraft.KEPT_FOR_DAYS)
    ImportDraft.objects.for_controller(controller).older_than(stale).delete()
    return ImportDraft.objects.create(
        controller=controller,
        created_by=user,
        origin=proposal.origin[:ORIGIN_LENGTH],
        origin_kind=proposal.origin_kind,
        proposal=proposal.to_json(),
    )


@login_required
@members_only(["GET", "POST"])
def import_review(request: HttpRequest, org: str, draft_pk: int) -> HttpResponse:
    membership = _editor(request, org)
    controller = membership.controller
    draft = get_object_or_404(ImportDraft.objects.for_controller(controller), pk=draft_pk)
    if request.method == "POST" and "discard" in request.POST:
        draft.delete()
        messages.info(request, _("Tuonti hylättiin. Mitään ei tallennettu."))
        return redirect("registers:import_start", org=org)
    proposal = Proposal.from_json(draft.proposal)
    review = Review(proposal, controller, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if review.is_valid():
            created = _accept(request, draft, review)
            if created is not None:
                return created
        messages.error(request, _("Tarkista lomakkeen virheet. Mitään ei tallennettu."))
    return render(
        request,
        "registers/import_review.html",
        editor_context(membership, draft=draft, proposal=proposal, review=review),
    )


def _accept(request: HttpRequest, draft: ImportDraft, review: Review) -> HttpResponse | None:
    """Create the accepted proposal; a redirect, or None with the errors in the review."""
    controller = draft.controller
    with transaction.atomic():
        # Accepted once: a second submission (another tab) finds the draft gone.
        if not ImportDraft.objects.select_for_update().filter(pk=draft.pk).exists():
            messages.info(request, _("Tämä tuonti on jo hyväksytty tai hylätty."))
            return redirect("registers:import_start", org=controller.slug)
        try:
            result = apply_proposal(
                review.accepted(),
                controller,
                request.user,
                reason=import_reason(origin_kind=draft.origin_kind, origin=draft.origin),
                notice_choice=review.notice_choice(),
            )
        except ProposalInvalid as invalid:
            review.add_errors(invalid.errors)
            return None
        draft.delete()
    names = ", ".join(register.name for register in result.registers)
    if not result.registers:
        messages.success(request, _("Tuonti tallennettiin."))
        return redirect("registers:organisation", org=controller.slug)
    messages.success(
        request,
        ngettext(
            "Luotiin rekisteri %(names)s. Se on luonnos: se ei ole vielä missään selosteessa. "
            "Tarkista se ja lisää se selosteeseen.",
            "Luotiin rekisterit %(names)s. Ne ovat luonnoksia: ne eivät ole vielä missään "
            "selosteessa. Tarkista ne ja lisää ne selosteeseen.",
            len(result.registers),
        )
        % {"names": names},
    )
    first = result.registers[0]
    return redirect(
        reverse("registers:register", kwargs={"org": controller.slug, "register_pk": first.pk})
    )
