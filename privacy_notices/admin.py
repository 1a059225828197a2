from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import ForeignKey
from django.forms import ModelChoiceField
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from privacy_notices.models import NoticeRegister, PrivacyNotice


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


@admin.register(PrivacyNotice)
class PrivacyNoticeAdmin(SimpleHistoryAdmin):
    list_display = ["title", "controller", "slug", "updated_at"]
    list_filter = ["controller"]
    list_select_related = ["controller"]
    search_fields = ["title", "slug", "controller__name"]
    inlines = [NoticeRegisterInline]
