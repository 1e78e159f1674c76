"""Static files storage: hashed names once collectstatic has run, plain names before."""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class ManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Whitenoise's manifest storage that tolerates files missing from the manifest.

    WHITENOISE_MANIFEST_STRICT = False is not enough on its own: Django then hashes the file
    it finds in STATIC_ROOT, which is empty until collectstatic runs (tests, a fresh checkout),
    and every page linking a stylesheet fails. Here such a file keeps its plain name, and
    whitenoise serves it from the finders (WHITENOISE_USE_FINDERS).
    """

    def stored_name(self, name: str) -> str:
        try:
            return super().stored_name(name)
        except ValueError:
            return name
