from __future__ import annotations

from django.contrib import admin
from django.urls import path

from registers import views as register_views

admin.site.site_header = "Seloste – ylläpito"
admin.site.site_title = "Seloste"
admin.site.index_title = "Ylläpito"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", register_views.home, name="home"),
]
