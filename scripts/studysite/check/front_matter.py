"""Front matter rules: PAGE001 (keys and values), PAGE002 (the description).

The keys a page may set are Material's and MkDocs' own (title, description, template, hide,
icon, status, subtitle, tags, search) and the project's: `kind` (what the page is: a
`service` page has review questions that go to the practice page and the books), the
translation fingerprint (`source_hash`, translations.py) and the revision stamp (`revised`,
`revised_hash`, revisions.py). Validated with MkDocs' own config options, as mkdocs.yml is:
a typo in a key, or in `kind: service`, is an error at its line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError

from ..reading.frontmatter import Field
from .context import PageFile, Tree
from .findings import Problem

# What a page is, for the tooling. A service page explains one AWS service: it has review
# questions (at least extra.docscheck.min_questions, QST002), which the practice page collects.
KINDS = ("service",)
# The longest description search engines show in full (and the OpenGraph card), in characters.
DESCRIPTION_MAX = 160
HIDE = ("navigation", "toc", "footer", "path", "tags", "feedback")


class SearchConfig(Config):
    """Material's per-page search settings."""

    boost = c.Optional(c.Type((int, float)))
    exclude = c.Optional(c.Type(bool))


class FrontMatterConfig(Config):
    title = c.Optional(c.Type(str))
    description = c.Optional(c.Type(str))
    template = c.Optional(c.Type(str))
    hide = c.Optional(c.ListOfItems(c.Choice(HIDE)))
    icon = c.Optional(c.Type(str))
    status = c.Optional(c.Type(str))
    subtitle = c.Optional(c.Type(str))
    tags = c.Optional(c.ListOfItems(c.Type(str)))
    search = c.SubConfig(SearchConfig)
    kind = c.Optional(c.Choice(KINDS))
    # YAML reads an all-digit fingerprint as a number, and a bare date as a date.
    source_hash = c.Optional(c.Type((str, int)))
    revised = c.Optional(c.Type((str, dt.date)))
    revised_hash = c.Optional(c.Type((str, int)))


SCHEMA = dict(FrontMatterConfig._schema)


def _problems(found: list[Field]) -> Iterator[tuple[Field, str]]:
    """(the field, what is wrong with it) for every invalid key of a front matter. Each value
    is validated by its own option, as terms.py does: a whole Config per page costs 35 times
    as much, and reports no more."""
    for field in found:
        option = SCHEMA.get(field.key)
        if option is None:
            known = ", ".join(SCHEMA)
            yield field, f"unknown front matter key {field.key!r} (known: {known})"
            continue
        option.warnings = []  # a SubConfig's findings on the sub-keys (search.boost...)
        try:
            option.validate(field.value)
        except ValidationError as error:
            yield field, f"front matter {field.key}: {error}"
        for warning in option.warnings:
            yield field, f"front matter {field.key}: {warning}"


def check_keys(page: PageFile, tree: Tree) -> Iterator[Problem]:
    """PAGE001: every front matter key is one the site knows, with a value of its type."""
    found, unreadable = page.front_matter
    if unreadable:
        yield Problem("PAGE001", 1, 1, unreadable)
        return
    for where, message in _problems(found):
        yield Problem("PAGE001", where.line, where.column, message)


def check_description(page: PageFile, tree: Tree) -> Iterator[Problem]:
    """PAGE002: a description of at most DESCRIPTION_MAX characters; on a site with a
    site_url (the one that is shared and indexed), every page has one."""
    description = page.field("description")
    if description is None or not isinstance(description.value, str):
        if tree.site.config.site_url and description is None:
            yield Problem(
                "PAGE002",
                1,
                1,
                "no description in the front matter (search results and "
                "shared links show it): add `description: ...`",
            )
        return
    text = description.value.strip()
    if not text:
        yield Problem("PAGE002", description.line, description.column, "empty description")
    elif len(text) > DESCRIPTION_MAX:
        yield Problem(
            "PAGE002",
            description.line,
            description.column,
            f"description of {len(text)} characters; at most {DESCRIPTION_MAX} are shown",
        )
