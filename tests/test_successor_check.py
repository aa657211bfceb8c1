"""make successor-check's look-up of the newest Zensical on the index, without the index: uv's
output (as uv prints it) read into versions and a one-line reason, and the choice of what to
install made from it. No network, no installs."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from studysite import PROJECT_DIR

SPEC = importlib.util.spec_from_file_location(
    "successor_check", PROJECT_DIR / "scripts" / "successor_check.py"
)
successor_check = importlib.util.module_from_spec(SPEC)
sys.modules[SPEC.name] = successor_check  # dataclasses look their module up there
SPEC.loader.exec_module(successor_check)
reason = successor_check.reason

# What uv 0.13 says when the newest Zensical needs a package the index does not have
MISSING_UI = """\
error: No solution found when resolving dependencies
  cause: Because zensical-ui was not found in the package registry and zensical>=0.1.3 depends \
on zensical-ui==0.0.43, we can conclude that zensical>=0.1.3 cannot be used.
         And because you require zensical==0.1.3, we can conclude that your requirements are \
unsatisfiable.
"""
# The same in the older, wrapped form (uv before "cause:")
MISSING_UI_OLD = """\
  × No solution found when resolving dependencies:
  ╰─▶ Because zensical-ui was not found in the package registry and zensical==0.1.3 depends on
      zensical-ui==0.0.43, we can conclude that zensical==0.1.3 cannot be used.
      And because you require zensical==0.1.3, we can conclude that your requirements are
      unsatisfiable.
"""
COMPILED = """\
click==8.5.1
markdown==3.11.3
zensical==0.0.73
zensical-i18n==0.3.0
"""


def test_pins_are_read_from_compile_output() -> None:
    found = successor_check.pins("warning: something\n" + COMPILED + "Zensical_I18N==1.0 \\\n")
    assert found["zensical"] == "0.0.73"
    assert found["click"] == "8.5.1"
    assert found["zensical-i18n"] == "1.0"  # names compared as the index does (PEP 503)
    assert successor_check.pins(MISSING_UI) == {}


@pytest.mark.parametrize("output", [MISSING_UI, MISSING_UI_OLD])
def test_a_missing_dependency_is_named(output: str) -> None:
    assert reason(output, "zensical") == "requires zensical-ui, which the index does not have"


def test_who_requires_it_is_named_when_not_the_package() -> None:
    output = MISSING_UI.replace("zensical>=0.1.3 depends", "zensical-i18n==0.4.0 depends")
    assert reason(output, "zensical") == (
        "zensical-i18n requires zensical-ui, which the index does not have"
    )


def test_a_python_too_old_is_named() -> None:
    output = (
        "error: No solution found when resolving dependencies\n"
        "  cause: Because the current Python version (3.11.7) does not satisfy Python>=3.12 and"
        " zensical==0.2.0 depends on Python>=3.12, we can conclude that zensical==0.2.0 cannot"
        " be used.\n"
        "         And because you require zensical==0.2.0, we can conclude that your"
        " requirements are unsatisfiable.\n\n"
        "hint: zensical==0.2.0 only supports >=3.12.\n"
    )
    assert reason(output, "zensical") == "requires Python>=3.12, this is Python 3.11.7"


def test_a_missing_version_and_a_missing_package() -> None:
    end = ", we can conclude that your requirements are unsatisfiable."
    no_version = "Because there is no version of zensical==9.9 and you require zensical==9.9"
    assert reason(no_version + end, "zensical") == "the index does not have zensical==9.9"
    missing = "Because zensical was not found in the package registry and you require zensical"
    assert reason(missing + end, "zensical") == "the index does not have zensical"


def test_another_conflict_is_given_as_uv_puts_it() -> None:
    output = (
        "error: No solution found when resolving dependencies\n"
        "  cause: Because zensical-i18n==0.3.0 depends on zensical<0.1 and you require"
        " zensical==0.1.3, we can conclude that your requirements are unsatisfiable.\n"
    )
    assert reason(output, "zensical") == (
        "zensical-i18n==0.3.0 depends on zensical<0.1 and you require zensical==0.1.3"
    )


def test_a_network_error_is_one_line() -> None:
    output = (
        "error: Request failed after 3 retries in 10.8s\n"
        "  cause: Failed to fetch: http://127.0.0.1:9/simple/zensical/\n"
        "  cause: tcp connect error\n"
        "  cause: Connection refused (os error 111)\n"
    )
    assert reason(output, "zensical") == (
        "Request failed after 3 retries in 10.8s: Connection refused (os error 111)"
    )
    assert reason("", "zensical") == "uv said nothing"


def fake_uv(answers: dict[str, tuple[int, str]]) -> object:
    """uv_compile answering by the first requirement (with --no-deps: the look-up)."""

    def uv_compile(requirements: list[str], *options: str) -> tuple[int, str]:
        key = requirements[0] + (" --no-deps" if "--no-deps" in options else "")
        return answers[key]

    return uv_compile


def test_the_newest_release_that_does_not_install(monkeypatch: pytest.MonkeyPatch) -> None:
    answers = {
        "zensical --no-deps": (0, "zensical==0.1.3\n"),
        "zensical==0.1.3": (1, MISSING_UI),
        "zensical": (0, COMPILED),
    }
    monkeypatch.setattr(successor_check, "uv_compile", fake_uv(answers))
    found = successor_check.newest(("zensical", "zensical-i18n"))
    assert found.release == "0.1.3"
    assert found.pins == ("zensical==0.0.73", "zensical-i18n==0.3.0")
    assert found.note("zensical") == (
        "newest on the index: zensical 0.1.3, not installable: requires zensical-ui, which the"
        " index does not have"
    )


def test_the_newest_release_that_installs(monkeypatch: pytest.MonkeyPatch) -> None:
    compiled = COMPILED.replace("0.0.73", "0.1.3")
    answers = {"zensical --no-deps": (0, "zensical==0.1.3\n"), "zensical==0.1.3": (0, compiled)}
    monkeypatch.setattr(successor_check, "uv_compile", fake_uv(answers))
    found = successor_check.newest(("zensical", "zensical-i18n"))
    assert found.pins == ("zensical==0.1.3", "zensical-i18n==0.3.0")
    assert found.note("zensical") == "newest on the index"


def test_a_failed_look_up_installs_unpinned(monkeypatch: pytest.MonkeyPatch) -> None:
    answers = {"zensical --no-deps": (2, "error: Request failed after 3 retries\n")}
    monkeypatch.setattr(successor_check, "uv_compile", fake_uv(answers))
    found = successor_check.newest(("zensical", "zensical-i18n"))
    assert found.note("zensical") == "newest on the index: unknown, Request failed after 3 retries"
    zensical = next(c for c in successor_check.CANDIDATES if c.unpinned)
    monkeypatch.setattr(zensical, "newest", found)
    assert zensical.install_lists()[0] == ["--upgrade", "zensical", "zensical-i18n"]
    monkeypatch.setattr(zensical, "newest", successor_check.Newest("0.1.3", ("zensical==0.0.73",)))
    assert zensical.install_lists()[0] == ["zensical==0.0.73"]
