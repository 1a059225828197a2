"""Public notice URLs, included last in config/urls.py: they catch /<org-slug>/."""

from __future__ import annotations

from django.urls import path

from privacy_notices import public_views

app_name = "public_notices"

urlpatterns = [
    # Under "api", a reserved slug (registers/validators.py): never an organisation's.
    path("api/skeema/tietosuojaseloste-1.json", public_views.schema, name="schema"),
    path("<slug:org>/", public_views.organisation, name="organisation"),
    path("<slug:org>/<slug:notice>/", public_views.latest, name="latest"),
    path("<slug:org>/<slug:notice>/versiot/", public_views.versions, name="versions"),
    path("<slug:org>/<slug:notice>/<int:number>/", public_views.version, name="version"),
    path(
        "<slug:org>/<slug:notice>/<int:number>/muutokset/",
        public_views.changes,
        name="changes",
    ),
    path("<slug:org>/<slug:notice>/<int:number>.pdf", public_views.pdf, name="pdf"),
    path("<slug:org>/<slug:notice>/<int:number>.json", public_views.document, name="json"),
]
