"""Text the tooling documents itself with, in the languages of its README and contributor
guide (Korean and English), for the tables derived from the registries."""

from __future__ import annotations

from typing import NamedTuple


class Text(NamedTuple):
    en: str
    ko: str

    def __getitem__(self, lang: str | int) -> str:  # type: ignore[override]
        return getattr(self, lang) if isinstance(lang, str) else tuple.__getitem__(self, lang)
