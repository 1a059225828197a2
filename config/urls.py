from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from registers import views as register_views

admin.site.site_header = "Seloste – ylläpito"
admin.site.site_title = "Seloste"
admin.site.index_title = "Ylläpito"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("hallinta/<slug:org>/", include("privacy_notices.urls")),
    path("", register_views.home, name="home"),
    # Last: the public notice pages catch /<org-slug>/ (see RESERVED_SLUGS).
    path("", include("privacy_notices.public_urls")),
]
