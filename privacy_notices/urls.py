"""Editor URLs of notices, under /hallinta/<org>/ (kwargs: org, notice_pk, register_pk, number)."""

from __future__ import annotations

from django.urls import path

from privacy_notices import views

app_name = "privacy_notices"

urlpatterns = [
    path("selosteet/", views.notice_list, name="notice_list"),
    path("selosteet/uusi/", views.notice_create, name="notice_create"),
    path("selosteet/<int:notice_pk>/", views.notice_detail, name="notice_detail"),
    path("selosteet/<int:notice_pk>/muokkaa/", views.notice_edit, name="notice_edit"),
    path(
        "selosteet/<int:notice_pk>/rekisterit/<int:register_pk>/siirra/",
        views.notice_register_move,
        name="notice_register_move",
    ),
    path("selosteet/lisaa-rekisteri/<int:register_pk>/", views.register_add, name="register_add"),
    path("selosteet/<int:notice_pk>/julkaise/", views.notice_publish, name="notice_publish"),
    path("selosteet/<int:notice_pk>/esikatselu/", views.notice_preview, name="notice_preview"),
    path(
        "selosteet/<int:notice_pk>/esikatselu.pdf",
        views.notice_preview_pdf,
        name="notice_preview_pdf",
    ),
    path(
        "selosteet/<int:notice_pk>/versiot/<int:number>/",
        views.version_detail,
        name="version_detail",
    ),
    path("seloste-kasittelytoimista.pdf", views.record_pdf, name="record_pdf"),
    path("seloste-kasittelytoimista.csv", views.record_csv_view, name="record_csv"),
]
