"""Static files as production collects them."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

PRODUCTION_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


def test_collectstatic_succeeds_with_the_production_storage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Brotli at its best quality takes ~15 s over the admin's files; gzip still runs.
    monkeypatch.setattr("whitenoise.compress.brotli_installed", False)
    # The manifest storage rewrites every url() and sourceMappingURL it finds and fails
    # on a file that is not there (the vendored Bootstrap once pointed at its maps).
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=PRODUCTION_STORAGES):
        call_command("collectstatic", interactive=False, verbosity=0)
    assert (tmp_path / "staticfiles.json").exists()
    assert (tmp_path / "vendor" / "bootstrap" / "bootstrap.min.css.gz").exists()
    # nginx's 50x page links the unhashed copy, which must be there too.
    assert (tmp_path / "vendor" / "bootstrap" / "bootstrap.min.css").exists()
