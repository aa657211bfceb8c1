"""Embed the site font into SVG diagrams.

An SVG shown through <img> cannot use the page's @font-face rules and may load nothing from
outside itself, so without this its Korean labels fall back to whatever the reader's OS has
(or to empty boxes). We embed a subset with just the diagram's own glyphs as a data: URI.
The text stays real <text>: selectable when the SVG is opened, searchable, and extractable
from the PDF.
"""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ET

from .fonts import FAMILY, WEIGHTS, FontWeight, SiteFont

SVG_NS = "{http://www.w3.org/2000/svg}"
TEXT_TAGS = {f"{SVG_NS}{tag}" for tag in ("text", "tspan", "textPath")}
MARKER = "study-sans-embedded"
# Font weights of 600 and above select the bold face.
BOLD_RE = re.compile(r"font-weight\s*[:=]\s*[\"']?\s*(bold|bolder|[6-9]00)\b")


def rendered_text(svg: str) -> str:
    """The characters drawn by the diagram's <text> elements (not <title>/<desc>)."""
    root = ET.fromstring(svg)
    parts: list[str] = []
    for element in root.iter():
        if element.tag in TEXT_TAGS:
            parts.append(element.text or "")
            for child in element:
                parts.append(child.tail or "")
    return "".join(parts)


def weights_used(svg: str) -> list[FontWeight]:
    """Regular always; bold when any element or style asks for it."""
    if BOLD_RE.search(svg):
        return list(WEIGHTS)
    return [WEIGHTS[0]]


def cuts_needed(svg: str) -> list[tuple[FontWeight, frozenset[str]]]:
    """The subsets (weight, characters) that embedding a font into svg takes."""
    chars = frozenset(rendered_text(svg))
    return [(weight, chars) for weight in weights_used(svg)]


def font_face_css(font: SiteFont, svg: str) -> str:
    """@font-face rules carrying the diagram's glyphs as data: URIs."""
    rules = []
    for weight, chars in cuts_needed(svg):
        data = base64.b64encode(font.cut(weight, chars)).decode("ascii")
        rules.append(
            f"@font-face{{font-family:'{FAMILY}';font-weight:{weight.weight};"
            f"src:url(data:font/woff2;base64,{data}) format('woff2')}}"
        )
    return "".join(rules)


def embed_font(svg: str, font: SiteFont) -> str:
    """Return svg with a <style> element holding its font subset; unchanged if already done."""
    if MARKER in svg:
        return svg
    # Insert as the root's last child, by text rather than an XML round trip: ElementTree would
    # rewrite the author's namespaces and formatting. A <style> applies wherever it stands, and
    # <title>/<desc> stay the first children, where assistive technology looks for them.
    end = svg.rfind("</svg>")
    if end < 0:
        raise ValueError("no </svg> end tag")
    style = f'<style id="{MARKER}">{font_face_css(font, svg)}</style>'
    return svg[:end] + style + svg[end:]
