"""What the MkDocs hooks need to know about the build they run in.

A hook module is loaded again on every `mkdocs serve` rebuild, but this module stays imported,
so it keeps what `on_startup` said once: the command.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

command = "build"  # "build", "gh-deploy" or "serve": set by each hook's on_startup


def inner_language_build(config: MkDocsConfig) -> bool:
    """True inside one of static-i18n's per-language builds.

    static-i18n builds the other languages from within the default language's on_post_build
    (priority -100). A hook that must run once per build, on the whole site, returns early
    while this is true, and runs in the outer build (at a priority below -100 for
    on_post_build, when every language is on disk).
    """
    plugin = config.plugins.get("i18n")
    return bool(plugin is not None and getattr(plugin, "building", False))
