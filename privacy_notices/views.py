"""Editor views of notices: check, preview, publish, and the Art. 30 record."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html
from django.utils.translation import gettext as _

from privacy_notices.checks import check_notice
from privacy_notices.content import build_notice_content
from privacy_notices.differences import draft_differs, section_differences
from privacy_notices.forms import AddRegisterForm, EarlierHistoryFormSet, NoticeForm, PublishForm
from privacy_notices.models import NoticeRegister, NoticeVersion, PrivacyNotice
from privacy_notices.page_policy import notice_page_policy
from privacy_notices.pdf import PdfRenderError, render_notice_pdf, render_record_pdf
from privacy_notices.publishing import (
    AlreadyPublished,
    PublishingBlocked,
    publish_notice,
    request_form_url,
)
from privacy_notices.record import build_record, record_csv
from privacy_notices.rendering import render_notice_page
from registers.access import editor_context, members_only, membership_for_request
from registers.models import Controller, Membership, Register


def _notice(controller: Controller, notice_pk: int) -> PrivacyNotice:
    return get_object_or_404(
        PrivacyNotice.objects.for_controller(controller).select_related("controller"),
        pk=notice_pk,
    )


def _context(membership: Membership, **extra: object) -> dict[str, object]:
    # The notice templates name the organisation "controller", as the notice does.
    return editor_context(membership, controller=membership.controller, **extra)


@login_required
@members_only(["GET", "HEAD"])
def notice_list(request: HttpRequest, org: str) -> HttpResponse:
    membership = membership_for_request(request, org)
    # Only the columns the list shows: a version row also holds its PDF and page.
    versions = NoticeVersion.objects.only("number", "published_at", "notice_id").order_by("-number")
    notices = (
        PrivacyNotice.objects.for_controller(membership.controller)
        .select_related("controller")
        .prefetch_related(Prefetch("versions", queryset=versions))
    )
    return render(
        request, "privacy_notices/notice_list.html", _context(membership, notices=notices)
    )


def _edit(
    request: HttpRequest, membership: Membership, notice: PrivacyNotice | None
) -> HttpResponse:
    controller = membership.controller
    data = request.POST if request.method == "POST" else None
    form = NoticeForm(data, instance=notice, controller=controller)
    # The form's own instance: a new notice's rows are tied to it once it is saved.
    history = EarlierHistoryFormSet(data, instance=form.instance, controller=controller)
    if not membership.can_edit:
        # A viewer sees the form but cannot change it (a POST is 403 already).
        for field in [*form.fields.values(), *(f for row in history for f in row.fields.values())]:
            field.disabled = True
    # The notice first: the rows are checked against its (new) "laadittu" date.
    if data is not None and form.is_valid() & history.is_valid():
        with transaction.atomic():
            saved = form.save()
            history.instance = saved
            history.save()
        messages.success(request, _("Seloste tallennettiin."))
        return redirect("privacy_notices:notice_detail", org=controller.slug, notice_pk=saved.pk)
    return render(
        request,
        "privacy_notices/notice_form.html",
        _context(
            membership,
            notice=notice,
            form=form,
            history=history,
            covered=list(notice.ordered_registers()) if notice else [],
        ),
        status=400 if form.is_bound else 200,
    )


@login_required
@members_only(["GET", "HEAD", "POST"])
def notice_create(request: HttpRequest, org: str) -> HttpResponse:
    return _edit(request, membership_for_request(request, org), None)


@login_required
@members_only(["GET", "HEAD", "POST"])
def notice_edit(request: HttpRequest, org: str, notice_pk: int) -> HttpResponse:
    membership = membership_for_request(request, org)
    return _edit(request, membership, _notice(membership.controller, notice_pk))


@login_required
@members_only(["POST"])
def notice_register_move(
    request: HttpRequest, org: str, notice_pk: int, register_pk: int
) -> HttpResponse:
    membership = membership_for_request(request, org)
    notice = _notice(membership.controller, notice_pk)
    link = get_object_or_404(
        NoticeRegister.objects.select_related("register"), notice=notice, register_id=register_pk
    )
    offset = {"up": -1, "down": 1}.get(request.POST.get("direction", ""))
    if offset is None:
        return HttpResponseBadRequest(_("Siirron suunta puuttuu."))
    notice.move_register(link.register, offset)
    url = reverse("privacy_notices:notice_edit", kwargs={"org": org, "notice_pk": notice.pk})
    return redirect(f"{url}#jarjestys")


def _detail(
    request: HttpRequest,
    membership: Membership,
    notice: PrivacyNotice,
    form: PublishForm | None,
) -> HttpResponse:
    content = build_notice_content(notice)
    findings = check_notice(notice, content)
    latest = notice.versions.only("number", "content", "notice_id").order_by("-number").first()
    form = form or PublishForm(findings=findings, number=latest.number + 1 if latest else 1)
    versions = notice.versions.select_related("published_by").only(
        "number", "published_at", "change_note", "published_by__username", "notice_id"
    )
    differs = latest is not None and draft_differs(content, latest.content)
    return render(
        request,
        "privacy_notices/notice_detail.html",
        _context(
            membership,
            notice=notice,
            missing=[f for f in findings if f.blocking],
            warnings=[f for f in findings if not f.blocking],
            form=form,
            versions=versions,
            latest=latest,
            differs=differs,
            differences=section_differences(content, latest.content) if differs else [],
        ),
        status=400 if form.is_bound else 200,
    )


@login_required
@members_only(["GET", "HEAD"])
def notice_detail(request: HttpRequest, org: str, notice_pk: int) -> HttpResponse:
    membership = membership_for_request(request, org)
    return _detail(request, membership, _notice(membership.controller, notice_pk), None)


@login_required
@members_only(["POST"])
def notice_publish(request: HttpRequest, org: str, notice_pk: int) -> HttpResponse:
    membership = membership_for_request(request, org)
    notice = _notice(membership.controller, notice_pk)
    form = PublishForm(request.POST, findings=check_notice(notice))
    if not form.is_valid():
        return _detail(request, membership, notice, form)
    try:
        version = publish_notice(
            notice=notice,
            published_by=request.user,
            change_note=form.cleaned_data["change_note"],
            acknowledged=form.cleaned_data.get("acknowledged", []),
            reasons=form.acknowledgements(),
            site_url=request.build_absolute_uri("/"),
            expected_number=form.cleaned_data["number"],
        )
    except AlreadyPublished as already:
        messages.info(
            request,
            _(
                "Versio %(number)s on jo julkaistu, joten lomaketta ei julkaistu toiseen "
                "kertaan. Tarkista alta, onko luonnoksessa vielä julkaisemattomia muutoksia."
            )
            % {"number": already.number},
        )
        return redirect("privacy_notices:notice_detail", org=org, notice_pk=notice.pk)
    except PublishingBlocked:
        # The notice changed between the check and the publish: check again.
        return _detail(request, membership, notice, None)
    except PdfRenderError as error:
        # Nothing was published; the form keeps the change note and the ticks.
        form.add_error(None, error.message)
        return _detail(request, membership, notice, form)
    messages.success(request, _("Versio %(number)s julkaistiin.") % {"number": version.number})
    return redirect("privacy_notices:notice_detail", org=org, notice_pk=notice.pk)


@login_required
@members_only(["GET", "HEAD", "POST"])
def register_add(request: HttpRequest, org: str, register_pk: int) -> HttpResponse:
    """Add a register to one of the organisation's notices, from the register's page."""
    membership = membership_for_request(request, org)
    register = get_object_or_404(
        Register.objects.for_controller(membership.controller).active(), pk=register_pk
    )
    form = AddRegisterForm(request.POST if request.method == "POST" else None, register=register)
    if form.is_valid():
        notice = form.save()
        url = reverse("privacy_notices:notice_detail", kwargs={"org": org, "notice_pk": notice.pk})
        messages.success(
            request,
            format_html(
                _(
                    "Rekisteri ”{register}” lisättiin selosteeseen ”{notice}”. "
                    '<a href="{url}">Tarkista ja julkaise seloste</a>.'
                ),
                register=register.name,
                notice=notice.title,
                url=url,
            ),
        )
        page = reverse("registers:register", kwargs={"org": org, "register_pk": register.pk})
        return redirect(f"{page}#selosteet")
    return render(
        request,
        "privacy_notices/register_add.html",
        _context(membership, register=register, form=form),
        status=400 if form.is_bound else 200,
    )


def _draft_content(request: HttpRequest, notice: PrivacyNotice) -> dict[str, Any]:
    """The draft's content with what publishing would add that it can know already."""
    content = build_notice_content(notice)
    content["request_url"] = request_form_url(
        notice.controller.slug, request.build_absolute_uri("/")
    )
    return content


@login_required
@members_only(["GET", "HEAD"])
def notice_preview(request: HttpRequest, org: str, notice_pk: int) -> HttpResponse:
    """The draft as the public page would show it; never public, never cached."""
    controller = membership_for_request(request, org).controller
    notice = _notice(controller, notice_pk)
    response = HttpResponse(render_notice_page(_draft_content(request, notice), draft=True))
    response["X-Robots-Tag"] = "noindex, nofollow"
    add_never_cache_headers(response)
    # The public page's template, its inline style and so its policy.
    return notice_page_policy(response, response.content)


@login_required
@members_only(["GET", "HEAD"])
def notice_preview_pdf(request: HttpRequest, org: str, notice_pk: int) -> HttpResponse:
    """The draft as its PDF would be; rendered on request, never stored or cached."""
    notice = _notice(membership_for_request(request, org).controller, notice_pk)
    try:
        pdf = render_notice_pdf(
            _draft_content(request, notice),
            draft=True,
            draft_number=notice.next_version_number(),
        )
    except PdfRenderError as error:
        messages.error(request, error.message)
        return redirect("privacy_notices:notice_detail", org=org, notice_pk=notice.pk)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{notice.slug}-luonnos.pdf"'
    response["X-Robots-Tag"] = "noindex, nofollow"
    add_never_cache_headers(response)
    return response


@login_required
@members_only(["GET", "HEAD"])
def version_detail(request: HttpRequest, org: str, notice_pk: int, number: int) -> HttpResponse:
    membership = membership_for_request(request, org)
    notice = _notice(membership.controller, notice_pk)
    version = get_object_or_404(
        NoticeVersion.objects.select_related("published_by").defer("pdf", "rendered_html"),
        notice=notice,
        number=number,
    )
    return render(
        request,
        "privacy_notices/version_detail.html",
        _context(membership, notice=notice, version=version),
    )


def _record_response(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    add_never_cache_headers(response)
    return response


@login_required
@members_only(["GET", "HEAD"])
def record_pdf(request: HttpRequest, org: str) -> HttpResponse:
    controller = membership_for_request(request, org).controller
    try:
        pdf = render_record_pdf(build_record(controller))
    except PdfRenderError as error:
        messages.error(request, error.message)
        return redirect("privacy_notices:notice_list", org=org)
    return _record_response(pdf, "application/pdf", f"{org}-seloste-kasittelytoimista.pdf")


@login_required
@members_only(["GET", "HEAD"])
def record_csv_view(request: HttpRequest, org: str) -> HttpResponse:
    controller = membership_for_request(request, org).controller
    body = record_csv(build_record(controller))
    return _record_response(body, "text/csv; charset=utf-8", f"{org}-seloste-kasittelytoimista.csv")
