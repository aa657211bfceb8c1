"""A published build names its real address: with extra.deploy (DEPLOY=true) the placeholder
site_url is refused, with one clear line naming SITE_URL, since canonical links, the sitemap
and the language switcher would otherwise silently point at it. A local build keeps working."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import PROJECT_DIR
from studysite.mkdocs_cli import build
from studysite.model import ConfigError, env_variable, load_site

CONFIG = PROJECT_DIR / "mkdocs.yml"
WORKFLOW = PROJECT_DIR / ".github" / "workflows" / "deploy.yml"
# The environment variables mkdocs.yml reads for these settings (its `!ENV` tags).
SITE_URL = env_variable(CONFIG, "site_url")
DEPLOY = env_variable(CONFIG, "extra", "deploy")
REAL = "https://owner.github.io/aws-notes/"


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """A clean slate: neither variable set, whatever the calling shell has."""
    assert SITE_URL and DEPLOY, "mkdocs.yml reads site_url and extra.deploy from !ENV"
    monkeypatch.delenv(SITE_URL, raising=False)
    monkeypatch.delenv(DEPLOY, raising=False)
    return monkeypatch


def test_a_local_build_keeps_the_placeholder(env: pytest.MonkeyPatch) -> None:
    site = load_site(CONFIG)
    assert site.extra.deploy is False
    assert site.config.site_url.endswith("/")


def test_a_deployed_build_without_site_url_stops_naming_it(env: pytest.MonkeyPatch) -> None:
    env.setenv(DEPLOY, "true")
    with pytest.raises(ConfigError) as raised:
        load_site(CONFIG)
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith(f"{CONFIG}: extra.deploy is true")
    assert f"set {SITE_URL} to the address" in message
    assert f"{DEPLOY}=true {SITE_URL}=https://" in message  # how to set it


def test_a_deployed_build_with_site_url_loads(env: pytest.MonkeyPatch) -> None:
    env.setenv(DEPLOY, "true")
    env.setenv(SITE_URL, REAL)
    site = load_site(CONFIG)
    assert site.extra.deploy is True
    assert site.config.site_url == REAL


@pytest.mark.parametrize(
    "url",
    [
        "https://owner.github.io/aws-notes",  # no trailing "/" (MkDocs would add it quietly)
        "ftp://owner.github.io/aws-notes/",
        "owner.github.io/aws-notes/",  # no scheme: MkDocs' own check
        "/aws-notes/",
    ],
)
def test_site_url_is_an_absolute_http_url_ending_in_a_slash(
    env: pytest.MonkeyPatch, url: str
) -> None:
    env.setenv(SITE_URL, url)
    with pytest.raises(ConfigError, match="site_url"):
        load_site(CONFIG)


@pytest.mark.parametrize(
    "url", ["https://notes.example.com/", "http://localhost:8000/", "https://notes.test/"]
)
def test_a_deployed_build_refuses_reserved_example_domains(
    env: pytest.MonkeyPatch, url: str
) -> None:
    env.setenv(DEPLOY, "true")
    env.setenv(SITE_URL, url)
    with pytest.raises(ConfigError, match="placeholder"):
        load_site(CONFIG)


def test_deploy_must_be_a_boolean(env: pytest.MonkeyPatch) -> None:
    env.setenv(DEPLOY, "1")
    with pytest.raises(ConfigError, match=r"extra\.deploy"):
        load_site(CONFIG)


def test_mkdocs_build_stops_with_one_line_and_no_traceback(
    env: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The build gate (pre-build hook) stops before any page is rendered."""
    result = build(tmp_path / "site", PROJECT_DIR, **{DEPLOY: "true"})
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output
    errors = [line for line in output.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1, output
    assert f"set {SITE_URL}" in errors[0]
    assert not (tmp_path / "site" / "sitemap.xml").exists()


def test_the_workflow_builds_with_deploy_and_the_pages_address() -> None:
    """deploy.yml sets the variables mkdocs.yml reads, SITE_URL from configure-pages (with the
    trailing "/" MkDocs' base_url lacks), through env: rather than in the command."""
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    builds = [step for step in steps if step.get("run", "").strip() == "make build"]
    assert len(builds) == 1, steps
    env = builds[0]["env"]
    assert env[DEPLOY] == "true"
    pages = next(step for step in steps if "actions/configure-pages@" in step.get("uses", ""))
    assert env[SITE_URL] == "${{ steps." + pages["id"] + ".outputs.base_url }}/"
