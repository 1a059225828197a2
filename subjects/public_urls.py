"""Public URLs of the request form, under /<org>/pyynto/ ("pyynto" is a reserved
notice slug, so no notice page shadows them)."""

from __future__ import annotations

from django.urls import path

from subjects import public_views

app_name = "subjects_public"

urlpatterns = [
    path("", public_views.request_form, name="form"),
    path("lahetetty/", public_views.request_sent, name="sent"),
    path("vahvista/<str:token>/", public_views.request_confirm, name="confirm"),
    path("vahvistettu/", public_views.request_confirmed, name="confirmed"),
]
