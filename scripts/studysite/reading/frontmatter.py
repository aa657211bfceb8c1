"""A page's front matter: read as data, each key with its line, and edited line by line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from ..terms import YAML_LOADER
from .document import Document

FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)


def meta(document: Document) -> dict:
    """The page's front matter as data ({} without one, or when it is not a YAML mapping)."""
    if not document.front_matter:
        return {}
    try:
        data = yaml.load(document.front_matter, Loader=_LOADER)
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


# libyaml's loader where PyYAML has it (terms.py): the same data, faster.
_LOADER = YAML_LOADER


@dataclass(frozen=True)
class Field:
    """One top-level key of the front matter, where it is written in the page."""

    key: str
    value: Any
    line: int  # 1-based, in the page (the front matter starts on line 2)
    column: int


def fields(document: Document) -> tuple[list[Field], str | None]:
    """The front matter's top-level keys with their positions, or why it cannot be read
    (not YAML, not a mapping): ([], message)."""
    if not document.front_matter:
        return [], None
    loader = _LOADER(document.front_matter)
    try:  # composed once, then constructed from the nodes: the data and the marks in one pass
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        return [], f"front matter is not valid YAML{where}: {getattr(error, 'problem', error)}"
    finally:
        loader.dispose()
    if node is None:
        return [], None
    if not isinstance(node, yaml.MappingNode) or not isinstance(data, dict):
        return [], "front matter is not a mapping of keys to values"
    found = []
    for key_node, _ in node.value:
        key = key_node.value
        found.append(
            Field(key, data.get(key), key_node.start_mark.line + 2, 1 + key_node.start_mark.column)
        )
    return found, None


def set_front_matter(text: str, values: dict[str, str]) -> str:
    """Return text with each `key: value` of values set in its front matter (added at its
    end, or replacing the key's line), everything else as it was; a page without front
    matter gets one, followed by a blank line.

    A line edit rather than a YAML round trip, which would reorder and restyle the author's
    front matter.
    """
    match = FRONT_MATTER_RE.match(text)
    if match is None:
        lines = "".join(f"{key}: {value}\n" for key, value in values.items())
        return f"---\n{lines}---\n\n{text}"
    # group(1) is None for an empty front matter: insert after the opening line.
    start = match.start(1) if match.group(1) is not None else text.index("\n") + 1
    end = match.end(1) if match.group(1) is not None else start
    body = text[start:end]
    for key, value in values.items():
        line = f"{key}: {value}"
        pattern = re.compile(rf"^{re.escape(key)}[ \t]*:.*$", re.MULTILINE)
        if pattern.search(body):
            body = pattern.sub(lambda _match, line=line: line, body, count=1)
        else:
            body += line + "\n"
    return text[:start] + body + text[end:]
