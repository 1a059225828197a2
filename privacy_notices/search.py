"""The notices' part of the editor's search (registers.search), added in apps.py."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from privacy_notices.models import PrivacyNotice
from registers.models import Controller
from registers.search import Query, ResultGroup, hits, matching

NOTICE_LOOKUPS = ("title", "slug", "intro", "change_policy")


def search_notices(controller: Controller, query: Query) -> ResultGroup | None:
    notices = PrivacyNotice.objects.filter(controller=controller).order_by("title", "pk")
    rows = matching(notices, NOTICE_LOOKUPS, query)
    if not rows:
        return None

    def url(notice: PrivacyNotice) -> str:
        kwargs = {"org": controller.slug, "notice_pk": notice.pk}
        return reverse("privacy_notices:notice_detail", kwargs=kwargs)

    return ResultGroup(
        _("Selosteet"),
        hits(rows, NOTICE_LOOKUPS, query, title=lambda notice: notice.title, url=url),
    )
