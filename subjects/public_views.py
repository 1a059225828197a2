"""The public request form (/<org>/pyynto/) and the e-mail confirmation.

The only public pages with a form, hence the only ones that set the CSRF cookie:
the notice pages stay cookie-free and cacheable (privacy_notices/public_views.py).
These pages are never cached, and the request's contents never reach a log or an
error report (sensitive_post_parameters; subjects/submission.py).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods, require_safe

from config.client_ip import client_ip
from registers.models import Controller, Register
from subjects import limits
from subjects.forms import RequestForm
from subjects.models import CONFIRMATION_LIFETIME, SubjectRequest
from subjects.offer import Offer, published_offer
from subjects.replies import finnish_day, mail_failed_message
from subjects.submission import MailNotSent, confirm_request, request_for_token, submit_request

# The signed value of the "sent" and "confirmed" pages' links: the reference and the
# due date, shown to whoever has the link (no lookup, so it tells nothing else).
SIGNING_SALT = "subjects.public_views.receipt"
RECEIPT_MAX_AGE = 24 * 60 * 60


def _controller(org: str) -> Controller:
    return get_object_or_404(
        Controller.objects.only(
            "name", "slug", "is_active", "email", "phone", "contact_email", "dpo_email"
        ),
        slug=org,
    )


def _closed(request: HttpRequest, controller: Controller) -> HttpResponse:
    """No published notice (or the organisation was taken out of use): nothing to ask."""
    return render(request, "subjects/request_closed.html", {"controller": controller}, status=404)


def _receipt_link(name: str, org: str, request: SubjectRequest) -> str:
    value = signing.dumps(
        {"reference": request.reference, "due": request.due_on.isoformat()}, salt=SIGNING_SALT
    )
    return f"{reverse(name, kwargs={'org': org})}?{urlencode({'v': value})}"


def _receipt(request: HttpRequest) -> dict[str, Any]:
    try:
        value = signing.loads(request.GET.get("v", ""), salt=SIGNING_SALT, max_age=RECEIPT_MAX_AGE)
    except signing.BadSignature:
        raise Http404 from None
    return {"reference": value["reference"], "due": finnish_day(date.fromisoformat(value["due"]))}


@sensitive_variables()
@never_cache
@sensitive_post_parameters()
@require_http_methods(["GET", "HEAD", "POST"])
def request_form(request: HttpRequest, org: str) -> HttpResponse:
    controller = _controller(org)
    offer = published_offer(controller) if controller.is_active else Offer()
    if not offer:
        return _closed(request, controller)
    if request.method != "POST":
        return _form_page(request, controller, RequestForm(offer=offer))
    # The honeypot's value is never shown again: a person whose browser filled it
    # in sees why, and the field is empty the second time.
    data = request.POST.copy()
    bot_suspected = bool(data.pop("homepage", [""])[0])
    form = RequestForm(data, offer=offer)
    now = timezone.now()
    client = limits.client_key(client_ip(request))
    refusal = limits.refusal(controller=controller, client=client, now=now)
    valid = form.is_valid()
    if refusal:
        form.add_error(None, refusal)
        return _form_page(request, controller, form, status=429)
    if bot_suspected:
        limits.note_attempt(controller=controller, client=client, now=now)
        form.add_error(
            None, _("Lomaketta ei lähetetty. Jätä kenttä ”Jätä tämä kenttä tyhjäksi” tyhjäksi.")
        )
        return _form_page(request, controller, form, status=400)
    if not valid:
        return _form_page(request, controller, form, status=400)
    register_pks, unknown = form.chosen_registers()
    try:
        submitted = submit_request(
            controller=controller,
            request_type=form.cleaned_data["request_type"],
            registers=Register.objects.filter(controller=controller, pk__in=register_pks),
            registers_unknown=unknown,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            phone=form.cleaned_data["phone"],
            message=form.cleaned_data["message"],
            correction=form.cleaned_data["correction"],
            link=lambda token: request.build_absolute_uri(
                reverse("subjects_public:confirm", kwargs={"org": org, "token": token})
            ),
            now=now,
        )
    except MailNotSent:
        form.add_error(None, mail_failed_message())
        return _form_page(request, controller, form, status=503)
    limits.note_attempt(controller=controller, client=client, now=now)
    return redirect(_receipt_link("subjects_public:sent", org, submitted))


def _form_page(
    request: HttpRequest, controller: Controller, form: RequestForm, status: int = 200
) -> HttpResponse:
    context = {
        "controller": controller,
        "form": form,
        "offer": form.offer,
        "confirmation_days": CONFIRMATION_LIFETIME.days,
    }
    return render(request, "subjects/request_form.html", context, status=status)


@never_cache
@require_safe
def request_sent(request: HttpRequest, org: str) -> HttpResponse:
    controller = _controller(org)
    context = {
        "controller": controller,
        "confirmation_days": CONFIRMATION_LIFETIME.days,
        **_receipt(request),
    }
    return render(request, "subjects/request_sent.html", context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def request_confirm(request: HttpRequest, org: str, token: str) -> HttpResponse:
    """GET shows a button, POST confirms: a mail scanner opening the link confirms nothing."""
    controller = _controller(org)
    found = request_for_token(token)
    if found is None or found.controller_id != controller.pk:
        return render(
            request, "subjects/request_link_invalid.html", {"controller": controller}, status=404
        )
    if request.method == "POST":
        confirm_request(found)
        return redirect(_receipt_link("subjects_public:confirmed", org, found))
    return render(
        request, "subjects/request_confirm.html", {"controller": controller, "request": found}
    )


@never_cache
@require_safe
def request_confirmed(request: HttpRequest, org: str) -> HttpResponse:
    controller = _controller(org)
    return render(
        request,
        "subjects/request_confirmed.html",
        {"controller": controller, **_receipt(request)},
    )
