"""What the checker needs from mkdocs.yml: the docs directory, the languages, disabled rules.

The file is read with MkDocs' own YAML loader, so `!ENV`, `!!python/name:` and `INHERIT` work
exactly as in a build; the rest of the configuration is not validated (that is MkDocs' job).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .findings import RULES

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".bmp"})
# Where the rules can be switched off, in mkdocs.yml:  extra: {docscheck: {disable: [IMG005]}}
SETTINGS_KEY = "docscheck"


class ConfigError(Exception):
    """The configuration cannot be used (exit status 2)."""


@dataclass(frozen=True)
class CheckerConfig:
    config_file: Path
    docs_dir: Path
    default_language: str
    languages: tuple[str, ...]  # every built language, the default first
    disabled: frozenset[str] = frozenset()
    # Files the configuration itself references (favicon, logo, extra CSS), docs-relative.
    config_assets: frozenset[str] = field(default_factory=frozenset)

    @property
    def other_languages(self) -> tuple[str, ...]:
        return self.languages[1:]


def load_yaml(path: Path) -> dict[str, Any]:
    import yaml
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import get_yaml_loader, yaml_load

    loader = get_yaml_loader()
    # `!relative` needs a live MkDocs config; its value does not matter here.
    loader.add_constructor("!relative", lambda _loader, node: str(node.value))
    try:
        with path.open("rb") as stream:
            data = yaml_load(stream, loader)
    except (OSError, ConfigurationError, yaml.YAMLError, ImportError, ValueError) as error:
        raise ConfigError(f"{path}: cannot read the configuration: {error}") from error
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the configuration is not a mapping")
    return data


def i18n_language_entries(plugins: Any) -> list[dict[str, Any]] | None:
    """The `languages` entries of the mkdocs-static-i18n plugin, or None without the plugin."""
    entries = plugins if isinstance(plugins, list) else [plugins] if plugins else []
    for entry in entries:
        if isinstance(entry, dict) and "i18n" in entry:
            options = entry["i18n"] or {}
            return [lang for lang in options.get("languages", []) if isinstance(lang, dict)]
    return None


def _i18n_languages(plugins: Any) -> tuple[str, tuple[str, ...]] | None:
    """(default, built languages) from the mkdocs-static-i18n plugin entry, if configured."""
    languages = i18n_language_entries(plugins)
    if languages is None:
        return None
    built = [
        str(lang["locale"])
        for lang in languages
        if lang.get("build", True) and lang.get("locale") not in (None, "null")
    ]
    defaults = [str(lang["locale"]) for lang in languages if lang.get("default")]
    if not defaults:
        raise ConfigError("plugins.i18n: no language has 'default: true'")
    default = defaults[0]
    return default, (default, *[lang for lang in built if lang != default])


def _disabled_rules(extra: Any) -> frozenset[str]:
    settings = extra.get(SETTINGS_KEY, {}) if isinstance(extra, dict) else {}
    disabled = settings.get("disable", []) if isinstance(settings, dict) else []
    if not isinstance(disabled, list):
        raise ConfigError(f"extra.{SETTINGS_KEY}.disable must be a list of rule codes")
    unknown = sorted(str(code) for code in disabled if code not in RULES)
    if unknown:
        raise ConfigError(f"extra.{SETTINGS_KEY}.disable: unknown rule(s) {', '.join(unknown)}")
    return frozenset(str(code) for code in disabled)


def _config_assets(data: dict[str, Any]) -> frozenset[str]:
    theme = data.get("theme") if isinstance(data.get("theme"), dict) else {}
    assets = [theme.get("favicon"), theme.get("logo")]
    assets += [css for css in data.get("extra_css", []) or [] if isinstance(css, str)]
    return frozenset(str(a) for a in assets if isinstance(a, str) and "://" not in a)


def load_config(path: Path) -> CheckerConfig:
    """Read a mkdocs.yml; raise ConfigError when it is missing or unusable."""
    if not path.is_file():
        raise ConfigError(f"{path}: configuration file not found")
    data = load_yaml(path)
    docs_dir = path.parent / str(data.get("docs_dir", "docs"))
    if not docs_dir.is_dir():
        raise ConfigError(f"{path}: docs_dir {docs_dir} is not a directory")
    languages = _i18n_languages(data.get("plugins"))
    if languages is None:
        theme = data.get("theme") if isinstance(data.get("theme"), dict) else {}
        default = str(theme.get("language", "en"))
        languages = (default, (default,))
    return CheckerConfig(
        config_file=path,
        docs_dir=docs_dir.resolve(),
        default_language=languages[0],
        languages=languages[1],
        disabled=_disabled_rules(data.get("extra")),
        config_assets=_config_assets(data),
    )
