"""`studysite`: the build pipeline's steps as commands (installed into .venv by make).

    studysite check [PATH ...]            the docs checker (before the build)
    studysite diagrams SITE_DIR           post-build: diagram sizes, lazy loading below the fold
    studysite fonts SITE_DIR              post-build: the site font and the diagrams' glyphs
    studysite search-index SITE_DIR       post-build: one search index per language
    studysite icons SITE_DIR              post-build: PNG and ICO icons from the SVG favicon
    studysite alternates SITE_DIR         post-build: the page sitemaps of the language switch
    studysite pdf SITE_DIR                post-build: the PDF books
    studysite offline OFFLINE_DIR         post-build: zip the OFFLINE=true build into site/
    studysite post-build SITE_DIR         post-build: what the hook runs after every build
    studysite pages                       the site model: languages, pages, URLs, titles

Every command reads mkdocs.yml (-f to name another) through studysite.model. The MkDocs hooks
run the same functions, so a site built by another generator gets the same steps.
Exit status: 0 done, 1 the check found errors or a step failed, 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .check import commands as check_commands
from .check.report import FORMATS
from .model import ConfigError, Site, load_site

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="studysite", description=__doc__.split("\n")[0])
    config = argparse.ArgumentParser(add_help=False)  # every command takes -f
    config.add_argument(
        "-f",
        "--config-file",
        type=Path,
        default=Path("mkdocs.yml"),
        help="the mkdocs.yml to read (default: ./mkdocs.yml)",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    def command(name: str, text: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=text, description=text, parents=[config])

    check = command("check", "check image links, headings, translations")
    check.add_argument("--format", choices=FORMATS, default="text", help="report format")
    check.add_argument(
        "--mark-translated",
        action="store_true",
        help="record that the given translation pages are up to date with their sources",
    )
    check.add_argument(
        "--mark-revised",
        action="store_true",
        help="stamp the given pages (or folders) whose text changed with today's date",
    )
    check.add_argument(
        "--fix",
        action="store_true",
        help="rewrite non-preferred spellings (TERM001) in place, then check",
    )
    check.add_argument("--list-rules", action="store_true", help="list the rules and exit")
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders")

    for name, text in (
        ("diagrams", "give each diagram its size and lazy-load those below the fold"),
        ("fonts", "write the site font and embed each diagram's glyphs"),
        ("search-index", "split the search index per language"),
        ("icons", "render the PNG and ICO icons from the SVG favicon"),
        ("alternates", "write the page sitemaps Material's language switch fetches"),
        ("post-build", "run the steps the post-build hook runs after every build"),
    ):
        step = command(name, text)
        step.add_argument("site_dir", type=Path, metavar="SITE_DIR", help="a built site")

    books = command("pdf", "write the PDF books from a built site")
    books.add_argument("site_dir", type=Path, metavar="SITE_DIR", help="a built site")
    books.add_argument("--lang", nargs="+", help="languages to build (default: all built)")

    copy = command("offline", "zip the offline copy into the main site")
    copy.add_argument("offline_dir", type=Path, metavar="OFFLINE_DIR", help="the OFFLINE build")
    copy.add_argument("--site-dir", type=Path, help="the main site (default: site_dir setting)")

    command("pages", "print the languages and pages of the site model")
    return parser


def _check(args: argparse.Namespace) -> int:
    if args.list_rules:
        print(check_commands.list_rules())
        return EXIT_OK
    if args.mark_translated:
        return check_commands.mark_translated(args.config_file, args.paths)
    if args.mark_revised:
        return check_commands.mark_revised(args.config_file, args.paths)
    if args.fix:
        fixed = check_commands.fix_spelling(args.config_file, args.paths)
        if fixed != EXIT_OK:
            return fixed
    return check_commands.run(args.config_file, args.paths, args.format)


def _pages(site: Site) -> str:
    lines = [f"{site.config_file}: book {site.book!r}"]
    for language in site.languages:
        default = ", default" if language.default else ""
        lines.append(f"{language.code} ({language.name}{default}): /{language.prefix}")
    for page in site.pages:
        for version in page.versions.values():
            lines.append(f"  {version.path:<28} {version.source:<28} {version.title}")
    return "\n".join(lines)


def _step(args: argparse.Namespace, site: Site) -> str:
    # Imported here: fontTools and WeasyPrint take seconds to import, which `check` never needs.
    from .steps import alternates, diagrams, fonts, icons, offline, pdf, search_index

    if args.command in (
        "diagrams",
        "fonts",
        "search-index",
        "icons",
        "alternates",
        "post-build",
        "pdf",
    ):
        _require_site(args.site_dir)
    if args.command == "diagrams":
        return diagrams.run(args.site_dir)
    if args.command == "fonts":
        return fonts.run(args.site_dir)
    if args.command == "search-index":
        return search_index.run(site, args.site_dir)
    if args.command == "icons":
        return icons.run(site, args.site_dir)
    if args.command == "alternates":
        return alternates.run(site, args.site_dir)
    if args.command == "post-build":
        done = [
            diagrams.run(args.site_dir),
            fonts.run(args.site_dir),
            search_index.run(site, args.site_dir),
            icons.run(site, args.site_dir),
            alternates.run(site, args.site_dir),
        ]
        if site.extra.pdf_books:
            done.append(pdf.run(site, args.site_dir))
        return "\n".join(done)
    if args.command == "pdf":
        unknown = sorted(set(args.lang or ()) - set(site.codes))
        if unknown:
            raise ConfigError(f"{', '.join(unknown)}: not a built language of {site.config_file}")
        return pdf.run(site, args.site_dir, args.lang)
    if args.command == "offline":
        return offline.run(site, args.offline_dir, args.site_dir)
    return _pages(site)


def _require_site(site_dir: Path) -> None:
    if not (site_dir / "index.html").is_file():
        raise FileNotFoundError(f"{site_dir} has no built site (index.html): build it first")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "check":
            return _check(args)
        print(_step(args, load_site(args.config_file)))
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except (FileNotFoundError, KeyError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
