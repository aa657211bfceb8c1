"""Prove that a change leaves the built site and the PDF books as they were, byte for byte.

    python scripts/compare_builds.py [BASE] [--rebuild]        (make compare-builds BASE=...)

Builds BASE (a commit, default HEAD) and the working tree, each with its own `make build`,
and compares every file of the two `site/` folders: same paths, same bytes. The offline zip is
compared member by member (its entries carry the files' modification times).

Both builds run in the same folder (.cache/compare-builds/tree), one after the other, so that paths
that end up in the output (the PDF books link some files by absolute path) are the same; with
the same SOURCE_DATE_EPOCH (dates in the books, the sitemap, the fonts' timestamps); and as
a fresh git repository whose one commit is tagged `compare-builds`, so that the books' version
string (`git describe`) is the same too. Each side installs its own .venv with its own Makefile.
BASE's site is kept under .cache/compare-builds/<commit>/ and reused unless --rebuild.
"""

from __future__ import annotations

import argparse
import filecmp
import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Callable
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
WORK_DIR = PROJECT_DIR / ".cache" / "compare-builds"
TREE = WORK_DIR / "tree"
SOURCE_DATE_EPOCH = "1790000000"  # 2026-09-21: any fixed moment will do


IDENTITY = ("-c", "user.name=compare", "-c", "user.email=compare@localhost")


def git(*args: str, cwd: Path = PROJECT_DIR) -> str:
    return subprocess.run(
        ["git", *IDENTITY, *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout.strip()


def export_commit(commit: str, target: Path) -> None:
    archive = subprocess.run(
        ["git", "archive", "--format=tar", commit],
        cwd=PROJECT_DIR,
        check=True,
        capture_output=True,
    ).stdout
    target.mkdir(parents=True)
    archive_file = target.parent / "export.tar"
    archive_file.write_bytes(archive)
    with tarfile.open(archive_file) as tar:
        tar.extractall(target, filter="data")
    archive_file.unlink()


def export_working_tree(target: Path) -> None:
    """Tracked and untracked files that git does not ignore: what the next commit would hold."""
    names = git("ls-files", "--cached", "--others", "--exclude-standard", "-z").split("\0")
    for name in filter(None, names):
        source = PROJECT_DIR / name
        if source.is_file():  # a tracked file deleted in the working tree is not there
            destination = target / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination)


def build(label: str, export: Callable[[Path], None]) -> Path:
    """Export a tree into TREE, run `make build` there, and keep its site under WORK_DIR."""
    if TREE.exists():
        shutil.rmtree(TREE)
    print(f"==> {label}: exporting into {TREE}", flush=True)
    export(TREE)
    git("init", "--quiet", cwd=TREE)
    git("add", "--all", cwd=TREE)
    git("commit", "--quiet", "--no-verify", "-m", label, cwd=TREE)
    # what `git describe` names
    git("tag", "--annotate", "--message=compare-builds", "compare-builds", cwd=TREE)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SITE_URL", "OFFLINE", "PDF", "VIRTUAL_ENV", "MAKEFLAGS", "MAKELEVEL"}
    }
    env["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH
    print(f"==> {label}: make build (its own .venv and caches)", flush=True)
    result = subprocess.run(
        ["make", "build"], cwd=TREE, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.exit(f"make build failed for {label}:\n{result.stdout[-4000:]}{result.stderr[-4000:]}")
    kept = WORK_DIR / label / "site"
    if kept.exists():
        shutil.rmtree(kept)
    kept.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(TREE / "site", kept)
    return kept


def files(root: Path) -> dict[str, Path]:
    return {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*")) if p.is_file()}


def zip_members(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        return {
            info.filename: hashlib.sha256(archive.read(info)).hexdigest()
            for info in archive.infolist()
        }


def compare(base: Path, head: Path) -> list[str]:
    """Differences between two built sites, one line each; empty when they are identical."""
    a, b = files(base), files(head)
    differences = [f"only in base: {name}" for name in sorted(a.keys() - b.keys())]
    differences += [f"only in head: {name}" for name in sorted(b.keys() - a.keys())]
    for name in sorted(a.keys() & b.keys()):
        if name.endswith(".zip"):
            members_a, members_b = zip_members(a[name]), zip_members(b[name])
            for member in sorted(members_a.keys() | members_b.keys()):
                if members_a.get(member) != members_b.get(member):
                    differences.append(f"differs: {name} -> {member}")
        elif not filecmp.cmp(a[name], b[name], shallow=False):
            differences.append(f"differs: {name}")
    return differences


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("base", nargs="?", default="HEAD", help="commit to compare with")
    parser.add_argument("--rebuild", action="store_true", help="rebuild BASE even if kept")
    args = parser.parse_args()
    commit = git("rev-parse", "--verify", f"{args.base}^{{commit}}")
    base_site = WORK_DIR / commit / "site"
    if args.rebuild or not base_site.is_dir():
        base_site = build(commit, lambda target: export_commit(commit, target))
    else:
        print(f"==> {commit}: reusing {base_site}")
    head_site = build("working-tree", export_working_tree)
    differences = compare(base_site, head_site)
    count = len(files(head_site))
    if differences:
        print(f"\n{len(differences)} difference(s) between {commit[:12]} and the working tree:")
        print("\n".join(f"  {line}" for line in differences))
        return 1
    print(f"\nIdentical: {count} files (zip members compared one by one) as in {commit[:12]}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
