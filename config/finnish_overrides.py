"""English messages of Django, its admin and our third-party apps, given Finnish here.

Each entry is another package's msgid, listed so that `make messages` keeps it in
locale/fi/LC_MESSAGES/django.po, where its Finnish msgstr is written by hand. Our
catalog (LOCALE_PATHS) wins over every app's own, so the msgstr there replaces:

- messages Django's or allauth's Finnish catalog leaves untranslated;
- the admin's "verb + %s" messages that put a model's name in the wrong case
  ("Muokkaa rekisteri": muokata takes the partitive) or a count before a plural
  ("3 tietosuojaselosteet": after a numeral Finnish takes the singular partitive).
  A colon keeps the nominative name correct: "Muokkaa: rekisteri";
- django-axes, which ships no Finnish at all;
- wording that reads as translated English ("Annettu käyttäjänimi ...").

Nothing imports this module; the lazy strings are never evaluated. The admin's
JavaScript messages (the two-list selection widget) are in djangojs.po beside it.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

DJANGO_ADMIN = [
    # The app list's table headings, read by screen readers.
    _("Model name"),
    _("Add link"),
    _("Change or view list link"),
    _("Change %s"),
    _("View %s"),
    _("Change selected %(model)s"),
    _("View selected %(model)s"),
    _("Delete selected %(model)s"),
    _("Successfully deleted %(count)d %(items)s."),
    ngettext_lazy(
        "%(count)s %(name)s was changed successfully.",
        "%(count)s %(name)s were changed successfully.",
        "count",
    ),
]

DJANGO_AUTH_ADMIN = [
    _("After you’ve created a user, you’ll be able to edit more user options."),
]

# django-simple-history's admin history pages (it ships no Finnish either).
SIMPLE_HISTORY = [
    _("View history: %s"),
    _('The %(name)s "%(obj)s" was changed successfully.'),
    _("You may edit it again below"),
    _("Revert %s"),
    _("Created"),
    _("Changed"),
    _("Deleted"),
    _("Deleted %(type_name)s"),
    _("Choose a date from the list below to revert to a previous version of this object."),
    _("This object doesn't have a change history."),
    _("View %(verbose_name)s"),
    _("Revert %(verbose_name)s"),
    _("Press the 'Revert' button below to revert to this version of the object."),
    _("Press the 'Change History' button below to edit the history."),
    _("Object"),
    _("Comment"),
    _("Changed by"),
    _("Change reason"),
    _("Changes"),
    _("Revert"),
    _("Change History"),
]

ALLAUTH = [
    _("The username and/or password you specified are not correct."),
    _("The email address and/or password you specified are not correct."),
]

# django-axes' models in the admin (axes/models.py, axes/admin.py).
AXES = [
    _("access attempt"),
    _("access attempts"),
    _("access failure"),
    _("access failures"),
    _("access log"),
    _("access logs"),
    _("access attempt expiration"),
    _("access attempt expirations"),
    _("Access Attempt"),
    _("User Agent"),
    _("IP Address"),
    _("Username"),
    _("HTTP Accept"),
    _("Path"),
    _("Attempt Time"),
    _("Access lock out"),
    _("GET Data"),
    _("POST Data"),
    _("Failed Logins"),
    _("Expires At"),
    _("The time when access attempt expires and is no longer valid."),
    _("Logout Time"),
    _("Session key hash (sha256)"),
    _("Locked Out"),
    _("Clean up expired attempts"),
    _("Form Data"),
    _("Meta Data"),
    _("Not set"),
]
