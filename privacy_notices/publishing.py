"""Publishing a notice: check, freeze, render once, store an immutable version."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from privacy_notices.checks import Finding, check_content
from privacy_notices.content import build_notice_content
from privacy_notices.models import NoticeVersion, PrivacyNotice
from privacy_notices.page_cache import forget_newest
from privacy_notices.pdf import render_notice_pdf
from privacy_notices.rendering import render_notice_page


class PublishingBlocked(Exception):
    """Mandatory content is missing and the editor has not acknowledged it."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("; ".join(f.text for f in findings))
        self.findings = findings


class AlreadyPublished(Exception):
    """The version the publisher expected to create exists already: a second submit
    of the same form (a double click, the back button) publishes nothing."""

    def __init__(self, number: int) -> None:
        super().__init__(f"version {number} exists already")
        self.number = number


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def canonical_json(content: Any) -> bytes:
    """The content as JSON with sorted keys and no spaces: the same bytes whatever
    order the database keeps its keys in."""
    return json.dumps(
        content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False
    ).encode()


def content_sha256(content: Any) -> str:
    return sha256(canonical_json(content))


# Where a notice published outside a web request (load_demo, a shell) says its site
# is, when settings.SITE_URL is not set: the address `make run` serves.
DEVELOPMENT_SITE_URL = "http://localhost:8000"


def request_form_url(org: str, site_url: str = "") -> str:
    """The absolute address of the organisation's request form, written into a notice.

    Absolute, because the PDF is read away from the site. ``settings.SITE_URL`` wins
    over the address the publisher's browser used (``site_url``). Looked up by its
    URL name: the form belongs to subjects/, which this app never imports.
    """
    base = settings.SITE_URL or site_url.rstrip("/") or DEVELOPMENT_SITE_URL
    return base + reverse("subjects_public:form", kwargs={"org": org})


@transaction.atomic
def publish_notice(
    *,
    notice: PrivacyNotice,
    published_by: AbstractBaseUser | None,
    change_note: str,
    acknowledged: Collection[str] = (),
    reasons: Mapping[str, str] | None = None,
    site_url: str = "",
    expected_number: int | None = None,
) -> NoticeVersion:
    """Publish the notice as it now reads as its next version.

    ``acknowledged`` holds the codes of the missing items the editor chose to
    publish without, ``reasons`` the reason stated for each (stored with it); any
    other missing item raises PublishingBlocked. ``expected_number``, when given, is
    the number the publisher expects the new version to get: if it is taken, the form
    was sent twice and AlreadyPublished is raised. ``site_url``
    is the site's address as the publisher reached it (request_form_url). The content
    is frozen and rendered to HTML and PDF here, once: the public pages serve the
    stored bytes.
    """
    # The row lock serialises concurrent publishers, so version numbers never clash.
    notice = (
        PrivacyNotice.objects.select_for_update().select_related("controller").get(pk=notice.pk)
    )
    if expected_number is not None and notice.versions.filter(number__gte=expected_number).exists():
        raise AlreadyPublished(expected_number)
    content = build_notice_content(notice)
    missing = [f for f in check_content(notice, content) if f.blocking]
    unacknowledged = [f for f in missing if f.code not in acknowledged]
    if unacknowledged:
        raise PublishingBlocked(unacknowledged)

    previous = list(
        notice.versions.order_by("number").values("number", "published_at", "change_note")
    )
    number = previous[-1]["number"] + 1 if previous else 1
    reasons = reasons or {}
    published_at = timezone.now()
    content["version"] = {
        "number": number,
        "published_at": published_at.isoformat(),
        "change_note": change_note,
    }
    # GDPR Art. 12(1) transparency: the history is part of what each version shows.
    content["history"] = [
        {
            "number": v["number"],
            "published_at": v["published_at"].isoformat(),
            "change_note": v["change_note"],
        }
        for v in previous
    ] + [{"number": number, "published_at": published_at.isoformat(), "change_note": change_note}]
    # GDPR Art. 12(2): the controller facilitates the exercise of the rights; the
    # notice links the form through which they are asked for.
    content["request_url"] = request_form_url(notice.controller.slug, site_url)

    html = render_notice_page(content)
    pdf = render_notice_pdf(content)
    # This process shows the new version as soon as it is committed; the others
    # within PUBLIC_PAGE_LOCAL_SECONDS (privacy_notices/page_cache.py).
    org_slug, notice_slug = notice.controller.slug, notice.slug
    forget_newest(org_slug, notice_slug)
    transaction.on_commit(lambda: forget_newest(org_slug, notice_slug))
    return NoticeVersion.objects.create(
        controller=notice.controller,
        notice=notice,
        number=number,
        published_at=published_at,
        published_by=published_by,
        change_note=change_note,
        # Each acknowledged item with its own reason, when one was stated.
        acknowledged_issues=[
            {**f.as_record(), **({"reason": reasons[f.code]} if reasons.get(f.code) else {})}
            for f in missing
        ],
        content=content,
        content_sha256=content_sha256(content),
        rendered_html=html,
        html_sha256=sha256(html.encode()),
        pdf=pdf,
        pdf_sha256=sha256(pdf),
    )


def version_document(version: NoticeVersion) -> dict[str, Any]:
    """The machine-readable JSON document of a published version."""
    return {
        "document": "tietosuojaseloste",
        "schema": version.content.get("schema"),
        "organisation": version.content["controller"]["slug"],
        "notice": version.content["slug"],
        "version": version.number,
        "published_at": version.content["version"]["published_at"],
        "change_note": version.change_note,
        "content_sha256": version.content_sha256,
        "html_sha256": version.html_sha256,
        "pdf_sha256": version.pdf_sha256,
        "content": version.content,
    }
