"""Build small docs trees for the checker tests."""

from __future__ import annotations

from pathlib import Path

import yaml

# A 1x1 PNG: real image bytes for the image files of a fixture.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


def make_tree(
    root: Path,
    files: dict[str, str | bytes],
    languages: tuple[str, ...] | None = None,
    extra: dict | None = None,
    hooks: list[str] | None = None,
    theme: dict | None = None,
    nav: list | None = None,
) -> Path:
    """Write docs files and a mkdocs.yml under root; return the mkdocs.yml path.

    `languages` (default first) adds the mkdocs-static-i18n plugin with the suffix layout.
    """
    config: dict = {
        "site_name": "Fixture",
        "docs_dir": "docs",
        "theme": theme or {"name": "mkdocs"},
    }
    if languages:
        config["plugins"] = [
            "search",
            {
                "i18n": {
                    "docs_structure": "suffix",
                    "languages": [
                        {"locale": lang, "name": lang, "default": index == 0, "build": True}
                        for index, lang in enumerate(languages)
                    ],
                }
            },
        ]
    if extra:
        config["extra"] = extra
    if hooks:
        config["hooks"] = hooks
    if nav:
        config["nav"] = nav
    (root / "docs").mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    config_file = root / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return config_file
