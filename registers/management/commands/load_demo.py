from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from registers.demo import DEMO_PASSWORD, USERS, load_demo


class Command(BaseCommand):
    help = "Load the demo organisations of ../shared/seeds/ and the demo users (idempotent)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even when DEBUG is off. The demo users have a published password.",
        )
        parser.add_argument(
            "--no-publish",
            action="store_true",
            help="Do not publish the demo notices that have no published version yet.",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo organisations first, discarding edits made to them.",
        )

    def handle(
        self, *args: Any, force: bool, reset: bool, no_publish: bool, **options: Any
    ) -> None:
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to load demo data with DEBUG off: the demo users have a known "
                "password. Use --force if this really is not a production database."
            )
        result = load_demo(reset=reset)
        for slug in result.created:
            self.stdout.write(self.style.SUCCESS(f"Created demo organisation {slug}"))
        for slug in result.skipped:
            self.stdout.write(f"Demo organisation {slug} already present, left unchanged")
        self.stdout.write(f"Demo users: {', '.join(USERS)} (password: {DEMO_PASSWORD})")
        if not no_publish:
            # Imported here: registers is the lower layer.
            from privacy_notices.demo import publish_demo_notices
            from privacy_notices.pdf import PdfRenderError

            try:
                for path in publish_demo_notices():
                    self.stdout.write(self.style.SUCCESS(f"Published {path}"))
            except PdfRenderError as error:
                raise CommandError(f"Publishing a demo notice failed: {error.message}") from error
