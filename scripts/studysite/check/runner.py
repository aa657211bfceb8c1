"""Run every rule over a docs tree and return the findings, sorted."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..terms import ID_RE, Terms, load_terms
from . import images as image_rules
from . import spelling
from .config import IMAGE_SUFFIXES, CheckerConfig
from .document import Document, parse
from .findings import Finding, Problem
from .headings import check_headings
from .revisions import Revision, revision, stamp_problem, translation_fingerprint
from .source import DecodeFailure, read_source
from .translations import STAMP_KEY, missing_pages, recorded_hash, structure_problems

PARALLEL_FROM = 300  # pages; below this, starting worker processes costs more than it saves


@dataclass
class Result:
    findings: list[Finding]
    files_checked: int
    undecodable: set[Path] = field(default_factory=set)  # pages MkDocs could not read either


def walk(docs_dir: Path) -> tuple[list[Path], list[Path]]:
    """(Markdown pages, image files) under docs_dir, skipping hidden files as MkDocs does."""
    pages: list[Path] = []
    pictures: list[Path] = []
    for root, dirs, files in os.walk(docs_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(root) / name
            suffix = path.suffix.lower()
            if suffix == ".md":
                pages.append(path)
            elif suffix in IMAGE_SUFFIXES:
                pictures.append(path)
    return pages, pictures


# (translation fingerprint, revision stamp, document) or why not
Parsed = tuple[str, Revision, Document] | DecodeFailure


def _parse_file(path: Path) -> Parsed:
    try:
        text = read_source(path).text
    except DecodeFailure as failure:
        return failure
    return translation_fingerprint(text), revision(text), parse(text)


def _parse_all(paths: list[Path]) -> list[Parsed]:
    """Read and parse every page; on big trees, in one process per CPU (parsing is pure
    Python and dominates the run time)."""
    workers = min(os.cpu_count() or 1, 8)
    if workers < 2 or len(paths) < PARALLEL_FROM:
        return [_parse_file(path) for path in paths]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork where there is one: the workers inherit the imported parser instead of re-importing
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    chunk = max(16, len(paths) // (workers * 4))
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        return list(pool.map(_parse_file, paths, chunksize=chunk))


def _display(path: Path, cwd: Path) -> str:
    """Path as shown in reports: relative to the working directory when possible."""
    try:
        return Path(os.path.relpath(path, cwd)).as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()


def _one_line(text: str) -> str:
    """Escape control characters (a %0A in a link, say): one finding, one report line."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class _Collector:
    def __init__(self, cwd: Path) -> None:
        self.cwd = cwd
        self.findings: list[Finding] = []

    def add(self, path: Path, problem: Problem) -> None:
        self.findings.append(
            Finding(
                _display(path, self.cwd),
                problem.line,
                problem.column,
                problem.code,
                _one_line(problem.message),
            )
        )


def _selected(path: Path, selection: list[Path] | None) -> bool:
    if selection is None:
        return True
    resolved = path.resolve()
    return any(resolved == s or s in resolved.parents for s in selection)


def check(
    config: CheckerConfig,
    paths: Iterable[Path] | None = None,
    cwd: Path | None = None,
) -> Result:
    """Check the docs tree; report only findings in `paths` (files or folders), if given.

    Cross-file rules (unused images, translations) always look at the whole docs_dir.
    """
    cwd = cwd or Path.cwd()
    selection = [p.resolve() for p in paths] if paths else None
    docs_dir = config.docs_dir
    image_rules.clear_cache()
    page_files, picture_files = walk(docs_dir)
    out = _Collector(cwd)
    # Revision stamps feed the sitemap, which lists pages only on a site with a site_url.
    stamped = bool(config.site.config.site_url)

    documents: dict[PurePosixPath, Document] = {}
    hashes: dict[PurePosixPath, str] = {}
    languages: dict[PurePosixPath, tuple[str, PurePosixPath]] = {}
    used: set[Path] = set()
    undecodable: set[Path] = set()

    for path, parsed in zip(page_files, _parse_all(page_files), strict=True):
        page = PurePosixPath(path.relative_to(docs_dir).as_posix())
        languages[page] = config.site.source_language(page)
        if isinstance(parsed, DecodeFailure):
            undecodable.add(path)
            guess = f"; it looks like {parsed.guess.upper()}" if parsed.guess else ""
            out.add(
                path,
                Problem(
                    "ENC001",
                    parsed.line,
                    parsed.column,
                    f"not valid UTF-8{guess}. Convert it, e.g.: iconv -f "
                    f"{(parsed.guess or 'CP949').upper()} -t UTF-8",
                ),
            )
            continue
        hashes[page], stamp, document = parsed
        documents[page] = document
        if stamped:
            command = f".venv/bin/studysite check --mark-revised {_display(path, cwd)}"
            if found := stamp_problem(stamp, command):
                out.add(path, found)
        for problem in check_headings(document):
            out.add(path, problem)
        lang = languages[page][0]
        context = image_rules.ImageContext(docs_dir, page, lang, config.default_language)
        problems, files = image_rules.check_images(document, context)
        used.update(files)
        for problem in problems:
            out.add(path, problem)

    used.update(docs_dir / asset for asset in config.config_assets)
    for picture in image_rules.unused_images(picture_files, used, config.languages):
        out.add(picture, Problem("IMG005", 1, 1, "image file that no page uses"))

    _check_questions(config, documents, languages, out)
    _check_translations(config, documents, hashes, languages, out)
    terms = site_terms(config)
    _check_terms(config, terms, documents, out)
    _check_spelling(config, terms, page_files, picture_files, documents, out)

    findings = [
        f
        for f in out.findings
        if f.code not in config.disabled and _selected(cwd / f.path, selection)
    ]
    return Result(sorted(set(findings)), len(page_files) + len(picture_files), undecodable)


def _check_translations(
    config: CheckerConfig,
    documents: dict[PurePosixPath, Document],
    hashes: dict[PurePosixPath, str],
    languages: dict[PurePosixPath, tuple[str, PurePosixPath]],
    out: _Collector,
) -> None:
    docs_dir = config.docs_dir
    if len(config.languages) < 2:
        return
    for page, lang, expected in missing_pages(languages, config.site):
        out.add(
            docs_dir / page,
            Problem("I18N001", 1, 1, f"no {lang} page: {expected} is missing"),
        )
    for page, (lang, source) in languages.items():
        if lang == config.default_language or page not in documents or source not in documents:
            continue
        for problem in structure_problems(documents[source], documents[page], source.name):
            out.add(docs_dir / page, problem)
        recorded = recorded_hash(documents[page])
        current = hashes[source]
        if recorded != current:
            why = (
                f"{source.name} changed since this translation was marked up to date"
                if recorded
                else f"not marked as a translation of {source.name} ({STAMP_KEY} missing)"
            )
            out.add(
                docs_dir / page,
                Problem(
                    "I18N003",
                    1,
                    1,
                    f"{why}; update it, then run: .venv/bin/studysite check "
                    f"--mark-translated {_display(docs_dir / page, out.cwd)}",
                ),
            )


def site_terms(config: CheckerConfig) -> Terms | None:
    """The site's terminology data (extra.terms), loaded and validated; None without one."""
    path = config.site.terms_file
    return load_terms(path, config.site.codes) if path is not None else None


def _check_terms(
    config: CheckerConfig,
    loaded: Terms | None,
    documents: dict[PurePosixPath, Document],
    out: _Collector,
) -> None:
    """TERM002: the terminology file is valid, and each term's section exists on its page in
    every language."""
    path = config.site.terms_file
    if path is None or loaded is None:
        return
    site = config.site
    for problem in loaded.problems:
        out.add(path, Problem("TERM002", problem.line, 1, problem.message))
    for term in loaded.terms:
        source = PurePosixPath(term.page)
        for lang in site.codes:
            page = site.translation_source(source, lang)
            document = documents.get(page)
            if document is None:
                message = f"term {term.id!r}: see: no page {page}"
                out.add(path, Problem("TERM002", term.line, 1, message))
            elif term.section not in {heading.id for heading in document.headings}:
                out.add(
                    path,
                    Problem(
                        "TERM002",
                        term.line,
                        1,
                        f"term {term.id!r}: see: {page} has no section #{term.section}",
                    ),
                )


def _check_spelling(
    config: CheckerConfig,
    terms: Terms | None,
    page_files: list[Path],
    picture_files: list[Path],
    documents: dict[PurePosixPath, Document],
    out: _Collector,
) -> None:
    """TERM001: the terminology's non-preferred spellings in pages and SVG diagrams."""
    path = config.site.terms_file
    if path is None or "TERM001" in config.disabled:
        return
    for scanned in scan_spelling(config, terms, page_files, picture_files, documents):
        for item in scanned.misspellings:
            message = spelling.message(item, _display(path, out.cwd))
            out.add(scanned.path, Problem("TERM001", item.line, item.column, message))


def scan_spelling(
    config: CheckerConfig,
    loaded: Terms | None,
    page_files: list[Path],
    picture_files: list[Path],
    documents: dict[PurePosixPath, Document] | None = None,
) -> list[spelling.ScannedFile]:
    """Every page and SVG of the docs tree with its non-preferred spellings (none when the
    site has no terminology data or it is invalid: TERM002 reports that). Pages are parsed
    here unless the run has parsed them already (documents; an undecodable one is absent)."""
    if loaded is None or loaded.problems:
        return []
    docs_dir = config.docs_dir
    pages = []
    for page in page_files:
        if documents is not None:
            key = PurePosixPath(page.relative_to(docs_dir).as_posix())
            if key in documents:
                pages.append((page, documents[key]))
            continue
        try:
            pages.append((page, parse(read_source(page).text)))
        except DecodeFailure:
            continue
    svgs = [p for p in picture_files if p.suffix.lower() == ".svg"]
    return list(spelling.scan(pages, svgs, spelling.Vocabulary.of(loaded.terms)))


def _check_questions(
    config: CheckerConfig,
    documents: dict[PurePosixPath, Document],
    languages: dict[PurePosixPath, tuple[str, PurePosixPath]],
    out: _Collector,
) -> None:
    """QST001: every review question has an ASCII id, used once per language on the site (the
    translation repeats its source's ids; I18N002 checks they match)."""
    seen: dict[tuple[str, str], PurePosixPath] = {}
    for page in sorted(documents):
        lang = languages[page][0]
        for question in documents[page].questions:
            path = config.docs_dir / page
            if question.id is None or not ID_RE.match(question.id):
                shown = "no id" if question.id is None else f"the id #{question.id}"
                out.add(
                    path,
                    Problem(
                        "QST001",
                        question.line,
                        1,
                        f"review question with {shown}: end its line with {{ #page-topic }}, an "
                        f"ASCII id used nowhere else (progress on the practice page is kept "
                        f"under it)",
                    ),
                )
                continue
            first = seen.setdefault((lang, question.id), page)
            if first != page or sum(q.id == question.id for q in documents[page].questions) > 1:
                out.add(
                    path,
                    Problem(
                        "QST001",
                        question.line,
                        1,
                        f"review question id #{question.id} is also used in {first.as_posix()}",
                    ),
                )
