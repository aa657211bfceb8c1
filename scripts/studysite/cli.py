"""`studysite`: the build pipeline's steps as commands (installed into .venv by make).

    studysite check [PATH ...]            the docs checker (before the build)
    studysite STEP SITE_DIR               one post-build step (steps/registry.py lists them)
    studysite post-build SITE_DIR         what the post-build hook runs after every build
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
from .steps.job import Job
from .steps.registry import STEPS, STEPS_BY_NAME, Step, after_build

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

    check = command("check", "run the docs checker: every rule of check/rules.py, --list-rules")
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

    for step in STEPS:
        _step_command(command(step.name, step.help.en), step)
    everything = command("post-build", "run the steps the post-build hook runs after every build")
    everything.add_argument("site_dir", type=Path, metavar="SITE_DIR", help="a built site")

    command("pages", "print the languages and pages of the site model")
    return parser


def _step_command(parser: argparse.ArgumentParser, step: Step) -> None:
    what = "the OFFLINE=true build" if step.operand == "OFFLINE_DIR" else "a built site"
    parser.add_argument("site_dir", type=Path, metavar=step.operand, help=what)
    for option in step.options:
        parser.add_argument(
            option.flag,
            dest=option.dest,
            metavar=option.metavar,
            help=option.help,
            nargs="+" if option.many else None,
            type=Path if option.path else str,
        )


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
    if args.command == "pages":
        return _pages(site)
    step = STEPS_BY_NAME.get(args.command)
    _require_site(args.site_dir, step.operand if step else "SITE_DIR")
    job = Job(
        site,
        args.site_dir,
        languages=tuple(getattr(args, "languages", None) or ()),
        main_site=getattr(args, "main_site", None),
    )
    if args.command == "post-build":
        return "\n".join(step.run(job) for step in after_build(site.extra.pdf_books))
    assert step is not None  # the parser knows no other command
    return step.run(job)


def _require_site(site_dir: Path, operand: str) -> None:
    if not (site_dir / "index.html").is_file():
        how = "build it with OFFLINE=true" if operand == "OFFLINE_DIR" else "build it first"
        raise FileNotFoundError(f"{site_dir} has no built site (index.html): {how}")


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
