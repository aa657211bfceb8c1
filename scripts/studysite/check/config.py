"""What the checker needs to know about a site, from the site model: the docs directory, the
languages, the rules switched off (`extra.docscheck`, validated there), the configuration's
own files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..model import Site, load_site

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".bmp"})


@dataclass(frozen=True)
class CheckerConfig:
    site: Site

    @property
    def docs_dir(self) -> Path:
        return self.site.docs_dir.resolve()

    @property
    def languages(self) -> tuple[str, ...]:
        """Every built language, the default first."""
        return self.site.codes

    @property
    def default_language(self) -> str:
        return self.site.codes[0]

    @property
    def disabled(self) -> frozenset[str]:
        return self.site.disabled_rules

    @property
    def config_assets(self) -> frozenset[str]:
        """Files the configuration itself references (favicon, logo, extra CSS), docs-relative:
        they count as used images."""
        theme = self.site.config.theme
        assets = [theme.get("favicon"), theme.get("logo"), *self.site.config.extra_css]
        return frozenset(str(a) for a in assets if isinstance(a, str) and "://" not in a)


def load_config(path: Path) -> CheckerConfig:
    """Read a mkdocs.yml (with MkDocs); raise model.ConfigError when it cannot be used."""
    return CheckerConfig(load_site(path))
