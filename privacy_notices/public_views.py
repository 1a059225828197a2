"""Public notice pages: no sign-in, no cookies, no forms, so they can be cached.

A version's page, PDF and JSON are served from the bytes stored when it was
published; they never change, hence the year-long immutable caching. The newest
version's URL and the lists change meaning when a new version is published: browsers
revalidate them every time (the newest version carries an ETag, the SHA-256 of the
stored page, and answers 304 to a matching If-None-Match), and a shared cache such as
the shipped nginx (deploy/nginx/seloste.conf) may keep them ``SHARED_MAX_AGE``
seconds. That is the bound within which a newly published version is public; the
same cache keeps serving these pages while the application or its database is down.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import require_safe

from privacy_notices.comparison import compare_contents
from privacy_notices.models import NoticeVersion, PrivacyNotice
from privacy_notices.page_cache import remember_newest, remembered_newest
from privacy_notices.page_policy import notice_page_policy, public_policy
from privacy_notices.publishing import version_document
from registers.models import Controller

IMMUTABLE = {"public": True, "max_age": 31536000, "immutable": True}
# A new version is public through a shared cache within this many seconds
# (docs/deploy.md states the bound; `make prod-smoke` tests it).
SHARED_MAX_AGE = 10
CHANGING = {"public": True, "max_age": 0, "s_maxage": SHARED_MAX_AGE}

HTML_TYPE = "text/html; charset=utf-8"


def _version(org: str, notice: str, number: int, *fields: str) -> NoticeVersion:
    version = (
        NoticeVersion.objects.published_for(org, notice).filter(number=number).only(*fields).first()
    )
    if version is None:
        raise Http404
    return version


@public_policy
@require_safe
def organisation(request: HttpRequest, org: str) -> HttpResponse:
    controller = get_object_or_404(Controller.objects.only("name", "slug"), slug=org)
    notices = (
        PrivacyNotice.objects.for_controller(controller)
        .filter(versions__isnull=False)
        .annotate(
            latest_number=Max("versions__number"),
            latest_published_at=Max("versions__published_at"),
        )
        .order_by("title")
    )
    response = render(
        request,
        "privacy_notices/organisation_public.html",
        {"controller": controller, "notices": notices},
    )
    patch_cache_control(response, **CHANGING)
    return response


@require_safe
def latest(request: HttpRequest, org: str, notice: str) -> HttpResponse:
    newest = remembered_newest(org, notice)
    if newest is None:
        version = (
            NoticeVersion.objects.published_for(org, notice)
            .only("html_sha256", "rendered_html")
            .first()
        )
        if version is None:
            raise Http404
        newest = (version.etag, version.rendered_html.encode())
        remember_newest(org, notice, *newest)
    etag, page = newest
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(page, content_type=HTML_TYPE)
    response["ETag"] = etag
    patch_cache_control(response, **CHANGING)
    return notice_page_policy(response, page)


@require_safe
def version(request: HttpRequest, org: str, notice: str, number: int) -> HttpResponse:
    found = _version(org, notice, number, "html_sha256", "rendered_html")
    response = HttpResponse(found.rendered_html.encode(), content_type=HTML_TYPE)
    response["ETag"] = found.etag
    patch_cache_control(response, **IMMUTABLE)
    return notice_page_policy(response, response.content)


@public_policy
@require_safe
def pdf(request: HttpRequest, org: str, notice: str, number: int) -> HttpResponse:
    found = _version(org, notice, number, "pdf", "pdf_sha256")
    response = HttpResponse(bytes(found.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{org}-{notice}-{number}.pdf"'
    response["ETag"] = f'"{found.pdf_sha256}"'
    patch_cache_control(response, **IMMUTABLE)
    return response


@public_policy
@require_safe
def document(request: HttpRequest, org: str, notice: str, number: int) -> HttpResponse:
    found = _version(
        org, notice, number, "number", "change_note", "content", "html_sha256", "pdf_sha256"
    )
    schema_url = request.build_absolute_uri(reverse("public_notices:schema"))
    # The document names its JSON Schema twice: in its "$schema" key, for tools that
    # read the file, and in a Link header (RFC 8288, "describedby") for those that
    # read the response.
    document = {"$schema": schema_url, **version_document(found)}
    body = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)
    response = HttpResponse(body.encode(), content_type="application/json; charset=utf-8")
    response["Link"] = f'<{schema_url}>; rel="describedby"'
    patch_cache_control(response, **IMMUTABLE)
    return response


SCHEMA_FILE = Path(__file__).parent / "schemas" / "tietosuojaseloste-1.json"


@cache
def _schema_text() -> str:
    return SCHEMA_FILE.read_text(encoding="utf-8")


@public_policy
@require_safe
def schema(request: HttpRequest) -> HttpResponse:
    """The JSON Schema of the published versions' JSON documents (``document``).

    Its address is stable: a change that breaks a reader gets a new file and URL.
    """
    document = json.loads(_schema_text())
    document = {"$id": request.build_absolute_uri(), **document}
    body = json.dumps(document, ensure_ascii=False, indent=2)
    response = HttpResponse(body.encode(), content_type="application/schema+json; charset=utf-8")
    patch_cache_control(response, public=True, max_age=86400)
    return response


@public_policy
@require_safe
def changes(request: HttpRequest, org: str, notice: str, number: int) -> HttpResponse:
    """What changed in version ``number`` since the version published before it."""
    pair = list(
        NoticeVersion.objects.published_for(org, notice)
        .filter(number__lte=number)
        .select_related("notice", "controller")
        .only(
            "number",
            "published_at",
            "change_note",
            "content",
            "notice__title",
            "notice__slug",
            "controller__name",
            "controller__slug",
        )[:2]
    )
    if len(pair) < 2 or pair[0].number != number:
        raise Http404
    new, old = pair
    response = render(
        request,
        "privacy_notices/version_changes_public.html",
        {
            "new": new,
            "old": old,
            "notice": new.notice,
            "controller": new.controller,
            "changes": compare_contents(old.content, new.content),
        },
    )
    # Both versions are frozen, but the comparison is drawn by today's renderer.
    patch_cache_control(response, **CHANGING)
    return response


@public_policy
@require_safe
def versions(request: HttpRequest, org: str, notice: str) -> HttpResponse:
    rows = list(
        NoticeVersion.objects.published_for(org, notice)
        .select_related("notice", "controller")
        .only(
            "number",
            "published_at",
            "change_note",
            "notice__title",
            "notice__slug",
            "controller__name",
            "controller__slug",
        )
    )
    if not rows:
        raise Http404
    response = render(
        request,
        "privacy_notices/versions_public.html",
        {"versions": rows, "notice": rows[0].notice, "controller": rows[0].controller},
    )
    patch_cache_control(response, **CHANGING)
    return response
