"""Third-party models in the admin, in Finnish: django-axes' records, permissions.

django-axes ships no Finnish: its models' texts are translated in our catalog
(config/finnish_overrides.py), and what its admin writes in English code (column
names, the records' own English ``__str__``, a message) is replaced here. The
records are read in their lists, so they link to no page of their own, where the
English ``__str__`` would be the title.
"""

from __future__ import annotations

from typing import Any

from axes import admin as axes_admin
from axes.conf import settings
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.auth import admin as auth_admin
from django.contrib.auth.models import Group, Permission, User
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.formats import localize
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext


class FinnishRecords(admin.ModelAdmin):
    list_display_links = None

    def action_checkbox(self, obj: Any) -> str:
        # The admin's own label names the record by its English __str__.
        label = _("Valitse toiminnolle: %(username)s, %(time)s") % {
            "username": obj.username or "–",
            "time": localize(localtime(obj.attempt_time)),
        }
        checkbox = forms.CheckboxInput({"class": "action-select", "aria-label": label})
        return checkbox.render(helpers.ACTION_CHECKBOX_NAME, str(obj.pk))


class AccessAttemptAdmin(FinnishRecords, axes_admin.AccessAttemptAdmin):
    list_display = [
        "attempt_time",
        "ip_address",
        "user_agent",
        "username",
        "path_info",
        "failures_since_start",
        "expires",
        "attempts_left",
    ]

    @admin.display(description=gettext_lazy("Vanhenee"))
    def expires(self, obj: AccessAttempt) -> Any:
        return self.expiration(obj)

    @admin.display(description=gettext_lazy("Tila"))
    def attempts_left(self, obj: AccessAttempt) -> str:
        left = settings.AXES_FAILURE_LIMIT - obj.failures_since_start
        if left <= 0:
            return _("Lukittu")
        return ngettext("%(count)s yritys jäljellä", "%(count)s yritystä jäljellä", left) % {
            "count": left
        }

    @admin.action(description=gettext_lazy("Siivoa vanhentuneet yritykset"))
    def cleanup_expired_attempts(
        self, request: HttpRequest, queryset: QuerySet[AccessAttempt]
    ) -> None:
        count = self.handler.clean_expired_user_attempts(request=request)
        self.message_user(
            request, _("Vanhentuneita yrityksiä poistettu: %(count)s.") % {"count": count}
        )


# The last word of a permission's codename, in Finnish; other codenames keep their name.
PERMISSION_ACTIONS = {
    "add": gettext_lazy("lisäys"),
    "change": gettext_lazy("muokkaus"),
    "delete": gettext_lazy("poisto"),
    "view": gettext_lazy("katselu"),
}


def permission_label(permission: Permission) -> str:
    """ "Rekisterit | rekisteri | muokkaus": Django stores "Can change rekisteri"."""
    content_type = permission.content_type
    model = content_type.model_class()
    action, _sep, _rest = permission.codename.partition("_")
    if model is None or action not in PERMISSION_ACTIONS:
        return str(permission)
    app = apps.get_app_config(content_type.app_label).verbose_name
    return f"{app} | {model._meta.verbose_name} | {PERMISSION_ACTIONS[action]}"


class FinnishPermissions(admin.ModelAdmin):
    """Permission choices in Finnish, without the history tables' (nothing checks them)."""

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "permissions" or db_field.name == "user_permissions":
            kwargs["queryset"] = Permission.objects.select_related("content_type").exclude(
                content_type__model__startswith="historical"
            )
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and db_field.name in ("permissions", "user_permissions"):
            field.label_from_instance = permission_label
        return field


class UserAdmin(FinnishPermissions, auth_admin.UserAdmin):
    pass


class GroupAdmin(FinnishPermissions, auth_admin.GroupAdmin):
    pass


class AccessLogAdmin(FinnishRecords, axes_admin.AccessLogAdmin):
    pass


class AccessFailureLogAdmin(FinnishRecords, axes_admin.AccessFailureLogAdmin):
    pass


def register() -> None:
    """Replace the apps' own admin classes (called once django-axes is ready)."""
    models: dict[type[Model], type[admin.ModelAdmin]] = {
        AccessAttempt: AccessAttemptAdmin,
        AccessLog: AccessLogAdmin,
        AccessFailureLog: AccessFailureLogAdmin,
        User: UserAdmin,
        Group: GroupAdmin,
    }
    for model, model_admin in models.items():
        if admin.site.is_registered(model):
            admin.site.unregister(model)
            admin.site.register(model, model_admin)
