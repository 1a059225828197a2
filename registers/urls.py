"""The privacy officer's editor, under /hallinta/.

The URL keyword names (org, register_pk, category_pk, recipient_pk, source_pk,
measure_pk, member_pk, invitation_pk, draft_pk) are shared with tests/walk.py, whose walk of
every /hallinta/ URL the tenancy and hostile-input tests use.
"""

from __future__ import annotations

from django.urls import path

from registers import help_views, import_views, member_views, views

app_name = "registers"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    # Before <org>/: "uusi" is a reserved slug (registers/validators.py).
    path("uusi/", views.organisation_create, name="organisation_create"),
    path("<slug:org>/", views.organisation, name="organisation"),
    path("<slug:org>/haku/", help_views.search_view, name="search"),
    path("<slug:org>/rekisterinpitaja/", views.controller_edit, name="controller"),
    path("<slug:org>/rekisterit/", views.register_list, name="register_list"),
    path("<slug:org>/rekisterit/uusi/", views.register_create, name="register_create"),
    path("<slug:org>/rekisterit/<int:register_pk>/", views.register_edit, name="register"),
    path(
        "<slug:org>/rekisterit/<int:register_pk>/historia/",
        views.register_history,
        name="register_history",
    ),
    path(
        "<slug:org>/rekisterit/<int:register_pk>/kopioi/",
        views.register_copy,
        name="register_copy",
    ),
    path(
        "<slug:org>/rekisterit/<int:register_pk>/arkistoi/",
        views.register_archive,
        name="register_archive",
    ),
    path("<slug:org>/tuo/", import_views.import_start, name="import_start"),
    path("<slug:org>/tuo/<int:draft_pk>/", import_views.import_review, name="import_review"),
    path("<slug:org>/jasenet/", member_views.member_list, name="members"),
    path("<slug:org>/jasenet/eroa/", member_views.member_leave, name="member_leave"),
    path(
        "<slug:org>/jasenet/<int:member_pk>/rooli/",
        member_views.member_role,
        name="member_role",
    ),
    path(
        "<slug:org>/jasenet/<int:member_pk>/poista/",
        member_views.member_remove,
        name="member_remove",
    ),
    path(
        "<slug:org>/jasenet/kutsut/<int:invitation_pk>/laheta/",
        member_views.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "<slug:org>/jasenet/kutsut/<int:invitation_pk>/peru/",
        member_views.invitation_withdraw,
        name="invitation_withdraw",
    ),
]

for library in views.LIBRARIES.values():
    item = f"<slug:org>/{library.key}/<int:{library.pk_kwarg}>/"
    extra = {"library": library.key}
    urlpatterns += [
        path(f"<slug:org>/{library.key}/", views.library_list, extra, f"{library.key}_list"),
        path(f"<slug:org>/{library.key}/uusi/", views.library_edit, extra, f"{library.key}_create"),
        path(item, views.library_edit, extra, f"{library.key}_edit"),
        path(f"{item}poista/", views.library_delete, extra, f"{library.key}_delete"),
    ]
    if library.paste_fields is not None:
        paste = f"<slug:org>/{library.key}/liita/"
        urlpatterns.append(path(paste, views.library_paste, extra, f"{library.key}_paste"))
