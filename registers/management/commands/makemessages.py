"""Django's makemessages without fuzzy matching.

msgmerge otherwise guesses a translation for each new message from a similar old one
("View history: %s" got "Näytä: %s") and marks it fuzzy; a guess is worse than the
Finnish msgid itself, which an empty msgstr shows (docs/translations.md).
"""

from __future__ import annotations

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
