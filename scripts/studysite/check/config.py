"""What the checker needs to know about a site: the site model, and its own settings
(`extra.docscheck`), which it validates with MkDocs' config classes, as the model does the rest
of `extra`. The rule codes it accepts are the registry's."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from ..model import ConfigError, Site, load_site, validated
from .context import OnSite, Settings
from .rules import RULES


class DocsCheckConfig(Config):
    """`extra.docscheck`: rules switched off for the whole site, and the page rules' limits."""

    disable = c.ListOfItems(c.Choice(tuple(RULES)), default=[])
    min_questions = c.Type(int, default=Settings.min_questions)


@dataclass(frozen=True)
class CheckerConfig(OnSite):
    site: Site
    settings: Settings


def settings(site: Site) -> Settings:
    """The site's `extra.docscheck`, validated; ConfigError naming the file and the key."""
    data = site.extra.docscheck or {}
    if not isinstance(data, dict):
        raise ConfigError(f"{site.config_file}: extra.docscheck: expected a mapping")
    config = validated(DocsCheckConfig, data, "extra.docscheck", site.config_file)
    return Settings(frozenset(config.disable), config.min_questions)


def load_config(path: Path) -> CheckerConfig:
    """Read a mkdocs.yml (with MkDocs); raise model.ConfigError when it cannot be used."""
    site = load_site(path)
    return CheckerConfig(site, settings(site))
