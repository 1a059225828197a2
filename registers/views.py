"""The privacy officer's editor (under /hallinta/) and the landing page.

Every view reaches its organisation through registers.access, so another
organisation's data is a 404 and a viewer's write is a 403.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.db.models import Count, Model, Q, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from registers import invitations
from registers.access import editor_context, membership_for_request
from registers.editing import (
    RegisterEditor,
    StaleRegisterError,
    changes_since,
    posted_version,
    rebase,
    save_register,
)
from registers.forms import (
    ControllerForm,
    DataCategoryForm,
    OrganisationCreateForm,
    RecipientForm,
    RegisterCopyForm,
    RegisterCreateForm,
    SecurityMeasureForm,
    SourceForm,
    library_paste_form,
)
from registers.history import register_changes
from registers.models import (
    Controller,
    DataCategory,
    Membership,
    Recipient,
    Register,
    SecurityMeasure,
    Source,
)
from registers.onboarding import create_organisation, first_steps
from registers.overview import attention_items, render_panels, render_register_panels
from registers.pasting import add_to_library, skipped_message


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("registers:dashboard")
    return render(request, "registers/home.html")


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    memberships = list(
        Membership.objects.filter(user=request.user)
        .select_related("controller")
        .annotate(
            register_count=Count(
                "controller__register", filter=Q(controller__register__archived=False)
            )
        )
        .order_by("controller__name")
    )
    pending = invitations.pending_for(request.user)
    if not memberships and not pending:
        # A newcomer's first step (issue 11): their own organisation.
        return redirect("registers:organisation_create")
    if len(memberships) == 1 and not pending:
        return redirect("registers:organisation", org=memberships[0].controller.slug)
    return render(
        request, "registers/dashboard.html", {"memberships": memberships, "invitations": pending}
    )


@login_required
def organisation_create(request: HttpRequest) -> HttpResponse:
    """Any signed-in user may create an organisation and becomes its admin."""
    form = OrganisationCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        controller = create_organisation(controller=form.instance, admin=request.user)
        messages.success(request, _("Organisaatio luotu. Olet sen pääkäyttäjä."))
        return redirect("registers:organisation", org=controller.slug)
    return render(request, "registers/organisation_create.html", {"form": form})


@login_required
def organisation(request: HttpRequest, org: str) -> HttpResponse:
    membership = membership_for_request(request, org)
    controller = membership.controller
    registers = Register.objects.for_controller(controller).active().order_by("name")
    libraries = [
        (library, library.model.objects.filter(controller=controller).count())
        for library in LIBRARIES.values()
    ]
    steps = first_steps(controller)
    return render(
        request,
        "registers/organisation_detail.html",
        editor_context(
            membership,
            registers=registers,
            libraries=libraries,
            # Shown until every step is done.
            first_steps=None if all(step.done for step in steps) else steps,
            attention=attention_items(membership),
            panels=render_panels(request, membership),
        ),
    )


@login_required
def controller_edit(request: HttpRequest, org: str) -> HttpResponse:
    membership = membership_for_request(request, org)
    form = ControllerForm(request.POST or None, instance=membership.controller)
    if not membership.can_edit:
        _disable(form)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Rekisterinpitäjän tiedot tallennettu."))
        return redirect("registers:controller", org=org)
    return render(request, "registers/controller_form.html", editor_context(membership, form=form))


# --- Registers --------------------------------------------------------------------------


@login_required
def register_list(request: HttpRequest, org: str) -> HttpResponse:
    membership = membership_for_request(request, org)
    registers = (
        Register.objects.for_controller(membership.controller)
        .annotate(purpose_count=Count("purposes", distinct=True))
        .order_by("archived", "name")
    )
    return render(
        request, "registers/register_list.html", editor_context(membership, registers=registers)
    )


@login_required
def register_create(request: HttpRequest, org: str) -> HttpResponse:
    membership = membership_for_request(request, org)
    form = RegisterCreateForm(request.POST or None, controller=membership.controller)
    if not membership.can_edit:
        _disable(form)
    if request.method == "POST" and form.is_valid():
        register = form.save()
        messages.success(request, _("Rekisteri luotu. Täydennä sen tiedot."))
        return redirect(_register_url(register))
    return render(request, "registers/register_create.html", editor_context(membership, form=form))


@login_required
def register_edit(request: HttpRequest, org: str, register_pk: int) -> HttpResponse:
    membership = membership_for_request(request, org)
    register = _register(membership.controller, register_pk)
    data = request.POST if request.method == "POST" else None
    editor = RegisterEditor.build(register=register, data=data, read_only=not membership.can_edit)
    changes = None
    if data is not None and editor.is_valid():
        try:
            save_register(editor=editor)
        except StaleRegisterError as stale:
            # The current register with the officer's own edits on top, clashes marked.
            changes = stale.changes
            editor = rebase(
                data,
                register=_register(membership.controller, register_pk),
                loaded_version=editor.loaded_version,
            )
        else:
            messages.success(request, _("Rekisteri tallennettu."))
            for line in editor.paste_report:
                messages.info(request, line)
            return redirect(_register_url(register))
    elif data is not None:
        loaded = posted_version(data)
        if loaded is not None and loaded != register.version:
            # Invalid and stale (a row the officer edited may be gone): the errors are
            # shown on the current register with the officer's edits on top.
            current = _register(membership.controller, register_pk)
            changes = changes_since(current, loaded)
            editor = rebase(data, register=current, loaded_version=loaded)
        messages.error(request, _("Tarkista lomakkeen virheet. Mitään ei tallennettu."))
    if data is not None:
        # Validation wrote the typed values onto the instance: show the saved register.
        register = _register(membership.controller, register_pk)
    return render(
        request,
        "registers/register_form.html",
        editor_context(
            membership,
            register=register,
            editor=editor,
            stale_changes=changes,
            # Other apps' parts of the page (the notices that include the register).
            register_panels=render_register_panels(request, membership, register),
        ),
    )


@login_required
def register_history(request: HttpRequest, org: str, register_pk: int) -> HttpResponse:
    membership = membership_for_request(request, org)
    register = _register(membership.controller, register_pk)
    return render(
        request,
        "registers/register_history.html",
        editor_context(membership, register=register, changes=register_changes(register)),
    )


@login_required
def register_copy(request: HttpRequest, org: str, register_pk: int) -> HttpResponse:
    membership = membership_for_request(request, org)
    register = _register(membership.controller, register_pk)
    form = RegisterCopyForm(
        request.POST or None,
        controller=membership.controller,
        initial={"name": _("%s (kopio)") % register.name},
    )
    if request.method == "POST" and form.is_valid():
        copy = register.copy(name=form.cleaned_data["name"])
        messages.success(request, _("Rekisteristä tehtiin kopio %s.") % copy.name)
        return redirect(_register_url(copy))
    return render(
        request,
        "registers/register_copy.html",
        editor_context(membership, register=register, form=form),
    )


@login_required
def register_archive(request: HttpRequest, org: str, register_pk: int) -> HttpResponse:
    membership = membership_for_request(request, org)
    if request.method != "POST":
        return _post_only()
    register = _register(membership.controller, register_pk)
    archived = request.POST.get("archived") == "1"
    register.set_archived(archived)
    if archived:
        messages.success(request, _("Rekisteri %s arkistoitiin.") % register.name)
    else:
        messages.success(request, _("Rekisteri %s palautettiin arkistosta.") % register.name)
    return redirect("registers:register_list", org=org)


def _register(controller: Controller, pk: int) -> Register:
    return get_object_or_404(
        Register.objects.for_controller(controller).select_related("controller"), pk=pk
    )


def _register_url(register: Register) -> str:
    return reverse(
        "registers:register",
        kwargs={"org": register.controller.slug, "register_pk": register.pk},
    )


def _post_only() -> HttpResponse:
    # Not @require_POST: that would answer 405 before the membership check gives
    # an outsider the 404 that every editor URL gives them.
    return HttpResponseNotAllowed(["POST"])


def _disable(form: ModelForm) -> None:
    for field in form.fields.values():
        field.disabled = True


# --- Libraries --------------------------------------------------------------------------


@dataclass(frozen=True)
class Library:
    """One of the organisation's reusable libraries, ticked into registers."""

    key: str
    model: type[Model]
    form: type[ModelForm]
    pk_kwarg: str
    title: str
    singular: str
    help: str
    # Register lookups that refer to an item: it cannot be deleted while any does.
    usage: tuple[str, ...]
    # The fields a pasted list's items share (registers.pasting); None: no pasting.
    paste_fields: tuple[str, ...] | None = None

    def url_name(self, view: str) -> str:
        return f"registers:{self.key}_{view}"

    def item_url(self, view: str, item: Model) -> str:
        return reverse(
            self.url_name(view),
            kwargs={"org": item.controller.slug, self.pk_kwarg: item.pk},  # type: ignore[attr-defined]
        )

    @property
    def list_url_name(self) -> str:
        return self.url_name("list")

    @property
    def create_url_name(self) -> str:
        return self.url_name("create")

    @property
    def paste_url_name(self) -> str | None:
        return self.url_name("paste") if self.paste_fields is not None else None

    def registers_using(self, item: Model) -> list[str]:
        """Names of the registers that tick or otherwise refer to the item."""
        query = Q()
        for lookup in self.usage:
            query |= Q(**{lookup: item})
        return list(
            Register.objects.filter(query)
            .distinct()
            .order_by("name")
            .values_list("name", flat=True)
        )


LIBRARIES = {
    library.key: library
    for library in (
        Library(
            "tietoryhmat",
            DataCategory,
            DataCategoryForm,
            "category_pk",
            gettext_lazy("Tietoryhmät"),
            gettext_lazy("tietoryhmä"),
            gettext_lazy("Henkilötietojen ryhmät (tietosisältö), joita rekistereihin valitaan."),
            ("data_categories", "retention_rules__data_category"),
            paste_fields=("kind", "special_condition"),
        ),
        Library(
            "vastaanottajat",
            Recipient,
            RecipientForm,
            "recipient_pk",
            gettext_lazy("Vastaanottajat"),
            gettext_lazy("vastaanottaja"),
            gettext_lazy("Käsittelijät, luovutuksensaajat ja viranomaiset (13 art. 1 e)."),
            ("recipients", "transfers__recipient"),
            paste_fields=("role",),
        ),
        Library(
            "lahteet",
            Source,
            SourceForm,
            "source_pk",
            gettext_lazy("Tietolähteet"),
            gettext_lazy("tietolähde"),
            gettext_lazy("Säännönmukaiset tietolähteet (14 art. 2 f)."),
            ("sources",),
            paste_fields=("origin", "is_public"),
        ),
        Library(
            "suojaus",
            SecurityMeasure,
            SecurityMeasureForm,
            "measure_pk",
            gettext_lazy("Suojaustoimenpiteet"),
            gettext_lazy("suojaustoimenpide"),
            gettext_lazy("Rekisterin suojauksen periaatteet (30 art. 1 g, 32 art.)."),
            # Not pastable: a security text is a title and a paragraph, not a line
            # (docs/decisions.md, "Fidelity (issue 9)").
            ("security_measures",),
        ),
    )
}


def _library_items(library: Library, controller: Controller) -> QuerySet[Model]:
    return library.model.objects.filter(controller=controller)  # type: ignore[attr-defined]


@login_required
def library_list(request: HttpRequest, org: str, library: str) -> HttpResponse:
    membership = membership_for_request(request, org)
    spec = LIBRARIES[library]
    items = (
        _library_items(spec, membership.controller)
        .select_related("controller")
        .annotate(register_count=Count("registers", distinct=True))
    )
    rows = [(item, spec.item_url("edit", item)) for item in items]
    paste_form = None
    if spec.paste_fields is not None and membership.can_edit:
        paste_form = library_paste_form(spec.model, list(spec.paste_fields))(
            controller=membership.controller
        )
    return render(
        request,
        "registers/library_list.html",
        editor_context(membership, library=spec, rows=rows, paste_form=paste_form),
    )


@login_required
def library_paste(request: HttpRequest, org: str, library: str) -> HttpResponse:
    """A pasted list, one new library item per line, added at the end of the library."""
    membership = membership_for_request(request, org)
    spec = LIBRARIES[library]
    assert spec.paste_fields is not None  # the URL exists only for pastable libraries
    form_class = library_paste_form(spec.model, list(spec.paste_fields))
    form = form_class(request.POST or None, controller=membership.controller)
    if not membership.can_edit:
        _disable(form)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                add_to_library(form.items)
        except IntegrityError:
            # Someone added an item of the same name after the form was validated.
            form.add_error("text", _("Joku lisäsi juuri samannimisen kohteen. Tallenna uudelleen."))
        else:
            count = len(form.items)
            messages.success(
                request,
                ngettext(
                    "Kirjastoon lisättiin %(count)s kohde.",
                    "Kirjastoon lisättiin %(count)s kohdetta.",
                    count,
                )
                % {"count": count},
            )
            if form.pasted.skipped:
                messages.info(request, skipped_message(form.pasted.skipped))
            return redirect(spec.list_url_name, org=org)
    return render(
        request, "registers/library_paste.html", editor_context(membership, library=spec, form=form)
    )


@login_required
def library_edit(request: HttpRequest, org: str, library: str, **kwargs: int) -> HttpResponse:
    membership = membership_for_request(request, org)
    spec = LIBRARIES[library]
    item = None
    if spec.pk_kwarg in kwargs:
        item = get_object_or_404(
            _library_items(spec, membership.controller), pk=kwargs[spec.pk_kwarg]
        )
    form = spec.form(request.POST or None, instance=item, controller=membership.controller)
    if not membership.can_edit:
        _disable(form)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("Tallennettu: %s.") % saved)
        return redirect(spec.list_url_name, org=org)
    in_use = spec.registers_using(item) if item is not None else []
    delete_url = spec.item_url("delete", item) if item is not None else None
    return render(
        request,
        "registers/library_form.html",
        editor_context(
            membership, library=spec, item=item, form=form, in_use=in_use, delete_url=delete_url
        ),
    )


@login_required
def library_delete(request: HttpRequest, org: str, library: str, **kwargs: int) -> HttpResponse:
    membership = membership_for_request(request, org)
    if request.method != "POST":
        return _post_only()
    spec = LIBRARIES[library]
    item = get_object_or_404(_library_items(spec, membership.controller), pk=kwargs[spec.pk_kwarg])
    in_use = spec.registers_using(item)
    if in_use:
        messages.error(
            request,
            _("Kohdetta %(item)s ei poistettu, koska se on käytössä rekistereissä: %(registers)s.")
            % {"item": item, "registers": ", ".join(in_use)},
        )
        return redirect(spec.item_url("edit", item))
    item.delete()
    messages.success(request, _("Poistettu: %s.") % item)
    return redirect(spec.list_url_name, org=org)
