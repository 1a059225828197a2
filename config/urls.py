from __future__ import annotations

from allauth.account import views as account_views
from django.contrib import admin
from django.urls import include, path

from registers import help_views, member_views
from registers import views as register_views

admin.site.site_header = "Seloste – ylläpito"
admin.site.site_title = "Seloste"
admin.site.index_title = "Ylläpito"

urlpatterns = [
    path("admin/", admin.site.urls),
    # Sign-up, sign-in, e-mail confirmation and passwords (django-allauth, Finnish).
    path("accounts/", include("allauth.urls")),
    # The URL names of Django's own views, kept for templates and code that use them.
    path("accounts/login/", account_views.login, name="login"),
    path("accounts/logout/", account_views.logout, name="logout"),
    path("hallinta/", include("registers.urls")),
    # Outside /hallinta/<org>/: the invited person is not a member yet.
    path(
        "kutsu/odottava/<int:invitation_pk>/",
        member_views.invitation_accept_pending,
        name="invitation_pending",
    ),
    path("kutsu/<str:token>/", member_views.invitation_accept, name="invitation"),
    path("hallinta/<slug:org>/pyynnot/", include("subjects.urls")),
    path("hallinta/<slug:org>/", include("privacy_notices.urls")),
    path("", register_views.home, name="home"),
    # The glossary of GDPR terms, public: the editor's help texts link to its anchors.
    path("sanasto/", help_views.glossary, name="glossary"),
    # Public pages (/<organisation-slug>/...) come last: their first path segment
    # is an organisation's slug, which may never shadow the routes above
    # (see RESERVED_SLUGS). "pyynto" is a reserved notice slug.
    path("<slug:org>/pyynto/", include("subjects.public_urls")),
    path("", include("privacy_notices.public_urls")),
]
