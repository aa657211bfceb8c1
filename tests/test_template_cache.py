"""Jinja's bytecode cache for the theme's templates (hooks/theme.py template_cache): a folder
per set of the options that shape compiled code; an edited template is compiled again."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from jinja2 import DictLoader, Environment

from conftest import PROJECT_DIR

spec = importlib.util.spec_from_file_location(
    "theme_hook", PROJECT_DIR / "scripts" / "studysite" / "hooks" / "theme.py"
)
assert spec is not None and spec.loader is not None
theme = importlib.util.module_from_spec(spec)
spec.loader.exec_module(theme)


def test_the_options_that_shape_compiled_code_name_the_folder() -> None:
    folder = theme.template_cache(Environment()).directory
    assert theme.template_cache(Environment()).directory == folder
    assert theme.template_cache(Environment(trim_blocks=True)).directory != folder
    assert theme.template_cache(Environment(extensions=["jinja2.ext.i18n"])).directory != folder
    assert Path(folder).is_dir()


def test_an_edited_template_is_compiled_again() -> None:
    templates = {"page.html": "one {{ x }}"}

    def render() -> str:
        env = Environment(loader=DictLoader(templates))
        env.bytecode_cache = theme.template_cache(env)
        return env.get_template("page.html").render(x=1)

    assert render() == render() == "one 1"  # the second from the cache
    templates["page.html"] = "two {{ x }}"
    assert render() == "two 1"
