from __future__ import annotations

import io
import zipfile
from typing import Any

from django.contrib import admin, messages
from django.db.models import ForeignKey, QuerySet
from django.forms import ModelChoiceField
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from privacy_notices.models import EarlierChange, NoticeRegister, NoticeVersion, PrivacyNotice


class NoticeRegisterInline(admin.TabularInline):
    model = NoticeRegister
    extra = 0

    def formfield_for_foreignkey(
        self, db_field: ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField | None:
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        match = request.resolver_match
        if (
            field is not None
            and db_field.name == "register"
            and match
            and "object_id" in match.kwargs
        ):
            notice = PrivacyNotice.objects.filter(pk=match.kwargs["object_id"]).first()
            if notice is not None:
                field.queryset = field.queryset.filter(controller_id=notice.controller_id)
        return field


class EarlierChangeInline(admin.TabularInline):
    """The notice's change log from before Seloste; validated by the model."""

    model = EarlierChange
    extra = 0


@admin.register(PrivacyNotice)
class PrivacyNoticeAdmin(SimpleHistoryAdmin):
    list_display = ["title", "controller", "slug", "updated_at"]
    list_filter = ["controller"]
    list_select_related = ["controller"]
    search_fields = ["title", "slug", "controller__name"]
    inlines = [NoticeRegisterInline, EarlierChangeInline]
    actions = ["download_pdfs"]

    @admin.action(description=gettext_lazy("Lataa valittujen selosteiden PDF:t (ZIP)"))
    def download_pdfs(
        self, request: HttpRequest, queryset: QuerySet[PrivacyNotice]
    ) -> HttpResponse | None:
        """The newest published version's stored PDF of each selected notice, zipped."""
        newest = {}
        versions = (
            NoticeVersion.objects.filter(notice__in=queryset)
            .select_related("notice__controller")
            .only("number", "pdf", "notice__slug", "notice__controller__slug")
            .order_by("notice_id", "number")
        )
        for version in versions:
            newest[version.notice_id] = version
        if not newest:
            self.message_user(
                request, _("Yhtäkään valituista selosteista ei ole julkaistu."), messages.WARNING
            )
            return None
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for version in newest.values():
                notice = version.notice
                name = f"{notice.controller.slug}-{notice.slug}-{version.number}.pdf"
                archive.writestr(name, bytes(version.pdf))
        response = HttpResponse(buffer.getvalue(), content_type="application/zip")
        response["Content-Disposition"] = 'attachment; filename="tietosuojaselosteet.zip"'
        return response


@admin.register(NoticeVersion)
class NoticeVersionAdmin(admin.ModelAdmin):
    """Published versions can be looked at, never changed or deleted."""

    list_display = ["notice", "number", "published_at", "published_by"]
    list_filter = ["controller"]
    list_select_related = ["notice__controller", "published_by"]
    search_fields = ["notice__title", "controller__name", "change_note"]
    fields = [
        "controller",
        "notice",
        "number",
        "published_at",
        "published_by",
        "change_note",
        "acknowledged_issues",
        "content_sha256",
        "html_sha256",
        "pdf_sha256",
    ]
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[NoticeVersion]:
        return super().get_queryset(request).defer("pdf", "rendered_html", "content")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
