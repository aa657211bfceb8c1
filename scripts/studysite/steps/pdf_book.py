"""Assemble one printable HTML book per language from the built site.

The book is made from the HTML MkDocs built (so it shows exactly what the site shows), one
chapter per navigation entry: cover, table of contents, then every page on its own sheet.
Ids are prefixed per chapter, links between pages become links inside the book, collapsed
questions are opened, and Korean words are kept whole (wordjoin.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from ..model import PageVersion
from ..urls import resolve
from .wordjoin import join_korean_words

REMOVE = "a.headerlink, .md-content__button, .md-source-file, script, .md-feedback"


@dataclass(frozen=True)
class Chapter:
    key: str  # names the chapter's ids in the book: "athena", "home" for the home page
    title: str
    body: Tag  # the page's <article>, rewritten for the book
    appendix: bool = False  # the glossary: listed in the contents without its sections

    @property
    def anchor(self) -> str:
        return f"ch-{self.key}"


def chapter_key(default_url: str) -> str:
    """A chapter's key, from its page's default-language URL: "athena/" -> "athena"."""
    return default_url.strip("/").replace("/", "-") or "home"


@dataclass(frozen=True)
class BookInfo:
    lang: str
    title: str
    subtitle: str
    edition: str  # "한국어판" / "English edition"
    author: str
    description: str
    built: str  # date, e.g. 2026-11-23
    version: str  # e.g. git commit
    contents_label: str


def _read_article(site_dir: Path, dest: str) -> Tag:
    html = (site_dir / dest).read_text(encoding="utf-8")
    article = BeautifulSoup(html, "html.parser").select_one("article.md-content__inner")
    if article is None:
        raise ValueError(f"{dest}: no <article> in the built page")
    for node in article.select(REMOVE):
        node.decompose()
    return article


class BookBuilder:
    """Turns built pages into chapters of one book."""

    def __init__(
        self, site_dir: Path, keys: dict[str, str], left_out: set[str], answer_key: str = ""
    ) -> None:
        self.site_dir = site_dir
        self.keys = keys  # site-relative URL of each page in the book -> its chapter key
        self.left_out = left_out  # site-relative URLs of the site's pages the book leaves out
        self.answer_key = answer_key  # the heading of a chapter's answer key ("정답과 해설")

    def chapter(self, page: PageVersion, *, appendix: bool = False) -> Chapter:
        key = self.keys[page.url]
        article = _read_article(self.site_dir, page.dest)
        heading = article.find("h1")
        title = heading.get_text(" ", strip=True) if heading else page.title
        self._prefix_ids(article, key)
        self._rewrite_links(article, page.url)
        self._images_to_files(article, page.url)
        self._answers_to_the_end(article, key)
        self._open_questions(article)
        for heading in article.find_all(["h1", "h2", "h3", "h4", "h5", "h6"]):
            # Bookmarks and running headers read this clean copy (book.css): the text itself
            # is about to get invisible word joiners.
            heading["data-label"] = " ".join(heading.get_text().split())
        join_korean_words(article)
        chapter = Chapter(key, title, article, appendix)
        article.name = "section"
        classes = ["chapter", "appendix"] if appendix else ["chapter"]
        article.attrs = {"class": classes, "id": chapter.anchor}
        return chapter

    @staticmethod
    def _prefix_ids(article: Tag, key: str) -> None:
        for node in article.find_all(id=True):
            node["id"] = f"{key}--{node['id']}"

    def _rewrite_links(self, article: Tag, page_url: str) -> None:
        for link in article.find_all("a", href=True):
            href = link["href"]
            target = resolve(page_url, href)
            if target is None:
                continue  # external: stays clickable in the PDF
            if target.path in self.keys:
                key = self.keys[target.path]
                link["href"] = f"#{key}--{target.fragment}" if target.fragment else f"#ch-{key}"
            elif link.find("img") is not None or target.path in self.left_out:
                # "open the diagram full size", a page the book leaves out: no place on paper
                link.unwrap()
            else:
                link["href"] = (self.site_dir / target.path).resolve().as_uri()

    def _images_to_files(self, article: Tag, page_url: str) -> None:
        for image in article.find_all("img", src=True):
            target = resolve(page_url, image["src"])
            if target is None:
                continue  # a data: URI or another host's image stays as it is
            image["src"] = (self.site_dir / target.path).resolve().as_uri()
            image.attrs.pop("loading", None)

    def _answers_to_the_end(self, article: Tag, key: str) -> None:
        """A workbook on paper: each item keeps its stem (numbered) and lettered options; its
        folded key and explanations move to an answer key at the chapter's end."""
        items = article.select("div.quiz")
        if not items:
            return
        soup = BeautifulSoup("", "html.parser")
        section = soup.new_tag("section", attrs={"class": "answer-key"})
        heading = soup.new_tag("h2", attrs={"id": f"{key}--answer-key"})
        heading.string = self.answer_key
        section.append(heading)
        for number, item in enumerate(items, 1):
            stem = item.select_one(".quiz-stem")
            if stem is not None:
                label = soup.new_tag("span", attrs={"class": "quiz-number"})
                label.string = f"{number}. "
                stem.insert(0, label)
            answer = item.select_one("details.quiz-answer")
            if answer is None:
                continue
            answer.extract()
            if answer.summary is not None:
                answer.summary.decompose()
            answer.name = "div"
            answer.attrs = {"class": ["answer-key-item"]}
            first = answer.find("p")
            if first is not None:
                first.insert(0, f"{number}. ")
            section.append(answer)
        article.append(section)

    @staticmethod
    def _open_questions(article: Tag) -> None:
        """<details> becomes an admonition box: on paper the answer must be visible."""
        for details in article.find_all("details"):
            summary = details.find("summary")
            title = summary.extract() if summary else None
            details.name = "div"
            details.attrs = {"class": ["admonition", *details.get("class", [])]}
            if title is not None:
                title.name = "p"
                title.attrs = {"class": ["admonition-title"]}
                details.insert(0, title)


def _cover(soup: BeautifulSoup, info: BookInfo) -> Tag:
    cover = soup.new_tag("section", attrs={"class": "cover"})
    for cls, text in (
        ("cover-title", info.title),
        ("cover-subtitle", info.subtitle),
        ("cover-edition", info.edition),
        ("cover-meta", f"{info.built} · {info.version}"),
    ):
        node = soup.new_tag("p", attrs={"class": cls})
        node.string = text
        cover.append(node)
    return cover


def _contents(soup: BeautifulSoup, info: BookInfo, chapters: list[Chapter]) -> Tag:
    toc = soup.new_tag("nav", attrs={"class": "toc", "id": "contents"})
    heading = soup.new_tag("h1", attrs={"class": "toc-title"})
    heading.string = info.contents_label
    toc.append(heading)
    listing = soup.new_tag("ol")
    for chapter in chapters:
        item = soup.new_tag("li", attrs={"class": "toc-chapter"})
        link = soup.new_tag("a", href=f"#{chapter.anchor}")
        link.string = chapter.title
        item.append(link)
        # An appendix's sections are the glossary's initials (ㄱ, A): not worth a line each.
        headings = [] if chapter.appendix else chapter.body.find_all("h2")
        sections = [h for h in headings if h.get("id")]
        if sections:
            sub = soup.new_tag("ol")
            for section in sections:
                entry = soup.new_tag("li", attrs={"class": "toc-section"})
                sublink = soup.new_tag("a", href=f"#{section['id']}")
                sublink.string = section.get_text(" ", strip=True).replace("\u2060", "")
                entry.append(sublink)
                sub.append(entry)
            item.append(sub)
        listing.append(item)
    toc.append(listing)
    return toc


def assemble(chapters: list[Chapter], info: BookInfo, stylesheet: str) -> str:
    """The whole book as one HTML document."""
    soup = BeautifulSoup("<!doctype html><html><head></head><body></body></html>", "html.parser")
    soup.html["lang"] = info.lang
    head = soup.head
    head.append(soup.new_tag("meta", charset="utf-8"))
    title = soup.new_tag("title")
    title.string = info.title
    head.append(title)
    for name, content in (
        ("author", info.author),
        ("description", info.description),
        ("generator", "WeasyPrint via studysite pdf"),
        ("dcterms.created", info.built),
    ):
        head.append(soup.new_tag("meta", attrs={"name": name, "content": content}))
    style = soup.new_tag("style")
    style.string = stylesheet
    head.append(style)
    soup.body.append(_cover(soup, info))
    soup.body.append(_contents(soup, info, chapters))
    for chapter in chapters:
        soup.body.append(chapter.body)
    return str(soup)
