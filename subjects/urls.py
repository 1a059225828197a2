"""Editor URLs of the requests, under /hallinta/<org>/pyynnot/ (kwargs: org, request_pk)."""

from __future__ import annotations

from django.urls import path

from subjects import views

app_name = "subjects"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("asetukset/", views.request_settings, name="settings"),
    path("<int:request_pk>/", views.request_detail, name="request"),
    path("<int:request_pk>/tila/", views.request_status, name="request_status"),
    path("<int:request_pk>/vastaa/", views.request_reply, name="request_reply"),
    path("<int:request_pk>/jatka/", views.request_extend, name="request_extend"),
    path("<int:request_pk>/muistiinpano/", views.request_note, name="request_note"),
]
