from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import ForeignKey, ManyToManyField, Model, QuerySet
from django.forms import ModelChoiceField, ModelMultipleChoiceField
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from registers.forms import CONTROLLER_SECTIONS
from registers.models import (
    LAST_ADMIN_MESSAGE,
    Controller,
    Cookie,
    DataCategory,
    DataSubjectCategory,
    Invitation,
    Membership,
    MembershipEvent,
    MembershipRole,
    Purpose,
    Recipient,
    Register,
    RetentionRule,
    RightProcedure,
    SecurityMeasure,
    Source,
    Transfer,
)

LIBRARY_MODELS = (DataCategory, Recipient, Source, SecurityMeasure)


def _edited_register(request: HttpRequest) -> Register | None:
    """The register whose change page (or inline) is being rendered, if any."""
    match = request.resolver_match
    if match is None or "object_id" not in match.kwargs:
        return None
    if match.url_name != "registers_register_change":
        return None
    return Register.objects.filter(pk=match.kwargs["object_id"]).first()


class ControllerScopedChoicesMixin:
    """Offer only the edited register's own controller's library items as choices."""

    def _scope(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        register = _edited_register(request)
        if register is not None and queryset.model in LIBRARY_MODELS:
            return queryset.filter(controller_id=register.controller_id)
        return queryset

    def formfield_for_foreignkey(
        self, db_field: ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField | None:
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]
        if field is not None:
            field.queryset = self._scope(request, field.queryset)
        return field

    def formfield_for_manytomany(
        self, db_field: ManyToManyField[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelMultipleChoiceField | None:
        field = super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]
        if field is not None:
            field.queryset = self._scope(request, field.queryset)
        return field


class MembershipFormSet(forms.BaseInlineFormSet):
    """Refuses a save that leaves an organisation with admins before it none after.

    Each row's own check (Membership.clean, .delete) sees only the saved rows, so this
    counts the admins that are admins now and stay so: promoting a new admin and
    demoting the old one take two saves, in that order.
    """

    def clean(self) -> None:
        super().clean()
        if self.instance.pk is None:
            return
        saved = set(
            Membership.objects.admins()
            .filter(controller=self.instance)
            .values_list("pk", flat=True)
        )
        if not saved:
            return
        staying = set(saved)
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            pk = form.instance.pk
            if pk in staying and (data.get("DELETE") or data.get("role") != MembershipRole.ADMIN):
                staying.discard(pk)
        if not staying:
            raise forms.ValidationError(LAST_ADMIN_MESSAGE, code="last_admin")


class MembershipInline(admin.TabularInline):
    model = Membership
    formset = MembershipFormSet
    extra = 0
    autocomplete_fields = ["user"]


class RightProcedureFormSet(forms.BaseInlineFormSet):
    """Refuses a right twice among the rows: a formset checks only unconditional
    unique constraints itself, and the model's check sees only saved rows."""

    def clean(self) -> None:
        super().clean()
        seen: set[str] = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            right = form.cleaned_data.get("right")
            if right in seen:
                raise forms.ValidationError(_("Samalle oikeudelle voi antaa vain yhden ohjeen."))
            if right:
                seen.add(right)


class ControllerRightProcedureInline(admin.StackedInline):
    """The organisation's own texts on how each right is exercised (GDPR Art. 12(2))."""

    model = RightProcedure
    fk_name = "controller"
    formset = RightProcedureFormSet
    extra = 0
    fields = ["right", "text"]
    verbose_name_plural = _("oikeuksien käyttämisen ohjeet (kaikki rekisterit)")

    def get_queryset(self, request: HttpRequest) -> QuerySet[RightProcedure]:
        # A register's own texts are edited on the register's page.
        return super().get_queryset(request).filter(register=None)


class RegisterRightProcedureFormSet(RightProcedureFormSet):
    def _construct_form(self, i: int, **kwargs: Any) -> forms.ModelForm:
        form = super()._construct_form(i, **kwargs)
        # The register's own controller; the model checks that they agree.
        form.instance.controller_id = self.instance.controller_id
        return form


class RegisterRightProcedureInline(admin.StackedInline):
    """Texts on exercising a right that apply to this register only."""

    model = RightProcedure
    fk_name = "register"
    formset = RegisterRightProcedureFormSet
    extra = 0
    fields = ["right", "text"]


@admin.register(Controller)
class ControllerAdmin(SimpleHistoryAdmin):
    list_display = ["name", "business_id", "slug", "city", "email", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "business_id", "slug", "email"]
    actions = ["deactivate", "activate"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline, ControllerRightProcedureInline]
    fieldsets = [
        (
            None,
            {"fields": ["name", "trade_name", "short_name", "slug", "business_id", "is_active"]},
        ),
        *((title, {"fields": names}) for title, names in CONTROLLER_SECTIONS[1:]),
    ]

    @admin.action(description=_("Poista valitut organisaatiot käytöstä"))
    def deactivate(self, request: HttpRequest, queryset: QuerySet[Controller]) -> None:
        count = queryset.update(is_active=False)
        message = ngettext(
            "%(count)s organisaatio poistettu käytöstä.",
            "%(count)s organisaatiota poistettu käytöstä.",
            count,
        )
        self.message_user(request, message % {"count": count})

    @admin.action(description=_("Ota valitut organisaatiot käyttöön"))
    def activate(self, request: HttpRequest, queryset: QuerySet[Controller]) -> None:
        count = queryset.update(is_active=True)
        message = ngettext(
            "%(count)s organisaatio otettu käyttöön.",
            "%(count)s organisaatiota otettu käyttöön.",
            count,
        )
        self.message_user(request, message % {"count": count})


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "controller", "role"]
    list_filter = ["role", "controller"]
    search_fields = ["user__username", "user__email", "controller__name"]
    autocomplete_fields = ["user", "controller"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # The last admin cannot be deleted (Membership.delete refuses it too).
        if obj is not None and not obj.keeps_an_admin(role=None):
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        # A bulk delete bypasses Membership.delete and could take every admin.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


class ReadOnlyAdmin(admin.ModelAdmin):
    """Support staff may read; the rows are written by the members page only."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ["email", "controller", "role", "status", "sent_at", "expires_at"]
    list_filter = ["status", "controller"]
    search_fields = ["email", "controller__name"]
    exclude = ["token_hash"]


@admin.register(MembershipEvent)
class MembershipEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "controller", "actor_label", "action", "subject_label"]
    list_filter = ["action", "controller"]
    search_fields = ["actor_label", "subject_label", "controller__name"]


class LibraryAdmin(SimpleHistoryAdmin):
    list_filter = ["controller"]
    list_select_related = ["controller"]
    search_fields = ["name", "description", "controller__name"]


@admin.register(DataCategory)
class DataCategoryAdmin(LibraryAdmin):
    list_display = ["name", "controller", "kind", "special_condition", "position"]
    list_filter = ["controller", "kind"]


@admin.register(Recipient)
class RecipientAdmin(LibraryAdmin):
    list_display = ["name", "controller", "role", "country", "position"]
    list_filter = ["controller", "role"]


@admin.register(Source)
class SourceAdmin(LibraryAdmin):
    list_display = ["name", "controller", "origin", "is_public", "position"]
    list_filter = ["controller", "origin", "is_public"]


@admin.register(SecurityMeasure)
class SecurityMeasureAdmin(LibraryAdmin):
    list_display = ["title", "controller", "material", "position"]
    list_filter = ["controller", "material"]
    search_fields = ["title", "text", "controller__name"]


class PurposeInline(admin.StackedInline):
    model = Purpose
    extra = 0
    fields = ["position", "description", "legal_basis", "legitimate_interest", "law_reference"]


# A tabular row stays one line high; long texts still fit.
COMPACT_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 60})}}


class DataSubjectCategoryInline(admin.TabularInline):
    model = DataSubjectCategory
    extra = 0
    formfield_overrides = COMPACT_TEXT


class TransferInline(ControllerScopedChoicesMixin, admin.StackedInline):
    model = Transfer
    extra = 0


class RetentionRuleInline(ControllerScopedChoicesMixin, admin.StackedInline):
    model = RetentionRule
    extra = 0


class CookieInline(admin.StackedInline):
    model = Cookie
    extra = 0
    formfield_overrides = COMPACT_TEXT


class RegisterAdminForm(forms.ModelForm):
    class Meta:
        model = Register
        fields = "__all__"  # noqa: DJ007 (the admin's fieldsets choose the fields)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        controller = cleaned.get("controller")
        if controller is None:
            return cleaned
        for name in ("data_categories", "sources", "recipients", "security_measures"):
            items: list[Model] = list(cleaned.get(name) or [])
            if any(item.controller_id != controller.pk for item in items):  # type: ignore[attr-defined]
                self.add_error(name, _("Valinnoissa on toisen rekisterinpitäjän kohteita."))
        return cleaned


@admin.register(Register)
class RegisterAdmin(ControllerScopedChoicesMixin, SimpleHistoryAdmin):
    form = RegisterAdminForm

    def save_model(self, request: HttpRequest, obj: Register, form: Any, change: bool) -> None:
        # A staff save is a new version too, so that an officer's open copy in the
        # editor becomes stale instead of silently overwriting it.
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)

    list_display = ["name", "controller", "archived", "updated_at"]
    list_filter = ["controller", "archived"]
    list_select_related = ["controller"]
    search_fields = ["name", "description", "controller__name"]
    filter_horizontal = ["data_categories", "sources", "recipients", "security_measures"]
    inlines = [
        PurposeInline,
        DataSubjectCategoryInline,
        TransferInline,
        RetentionRuleInline,
        CookieInline,
        RegisterRightProcedureInline,
    ]
    fieldsets = [
        (None, {"fields": ["controller", "name", "description", "archived"]}),
        (_("Tarkoitukset"), {"fields": ["purposes_note", "consent_withdrawal"]}),
        (
            _("Tietosisältö ja lähteet"),
            {
                "fields": [
                    "data_categories",
                    "sources",
                    "informing_timing",
                    "informing_exemption",
                ]
            },
        ),
        (
            _("Luovutukset"),
            {"fields": ["recipients_statement", "recipients", "recipients_note"]},
        ),
        (
            _("Siirrot EU:n tai ETA:n ulkopuolelle"),
            {"fields": ["transfers_statement", "transfers_note"]},
        ),
        (_("Suojaus"), {"fields": ["security_measures"]}),
        (
            _("Automaattinen päätöksenteko ja profilointi"),
            {
                "fields": [
                    "automated_decisions",
                    "profiling",
                    "automated_decisions_description",
                    "automated_decision_exception",
                ]
            },
        ),
        (
            _("Tietojen antamisen pakollisuus"),
            {"fields": ["provision_requirement", "provision_consequences"]},
        ),
        (_("Evästeet"), {"fields": ["covers_website", "cookies_note"]}),
        (_("Yhteisrekisterinpitäjyys"), {"fields": ["joint_controller_arrangement"]}),
    ]
