"""Render a book's HTML to PDF with WeasyPrint, in the site's own font."""

from __future__ import annotations

import html as html_lib
from pathlib import Path

from .fonts import WEIGHTS, SiteFont, text_chars

STYLESHEET = Path(__file__).with_name("book.css")


def font_faces(book_html: str, font_dir: Path) -> str:
    """@font-face rules for Study Sans, subset to the book's own characters (the site's subset
    may lack a cover or contents word), as TrueType files WeasyPrint embeds."""
    font = SiteFont(text_chars([html_lib.unescape(book_html)]))
    font.prepare(site_woff2=False)
    font_dir.mkdir(parents=True, exist_ok=True)
    rules = []
    for weight in WEIGHTS:
        path = font_dir / f"study-sans-{weight.weight}.ttf"
        path.write_bytes(font.master(weight))
        rules.append(
            f'@font-face {{ font-family: "Study Sans"; font-weight: {weight.weight}; '
            f'src: url("{path.resolve().as_uri()}"); }}'
        )
    return "\n".join(rules)


def stylesheet() -> str:
    return STYLESHEET.read_text(encoding="utf-8")


def render_pdf(book_html: str, out: Path, base_dir: Path) -> int:
    """Write the PDF; return its page count."""
    import weasyprint

    document = weasyprint.HTML(string=book_html, base_url=base_dir.resolve().as_uri() + "/")
    rendered = document.render()
    out.parent.mkdir(parents=True, exist_ok=True)
    rendered.write_pdf(out, pdf_tags=True)
    return len(rendered.pages)
