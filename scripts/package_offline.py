"""Zip the offline copy of the site (built with OFFLINE=true) for download.

    python scripts/package_offline.py OFFLINE_DIR ZIP [--pdf-dir site/pdf]

The zip holds one folder, aws-analytics-notes/: unzip it and open index.html from disk.
The PDF books are added when they exist, so the footer's PDF link works in the copy too.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import zipfile
from pathlib import Path

FOLDER = "aws-analytics-notes"


def package(offline_dir: Path, archive: Path, pdf_dir: Path | None) -> int:
    """Write the zip; return the number of files in it."""
    if not (offline_dir / "index.html").is_file():
        raise FileNotFoundError(f"{offline_dir} has no index.html: build it with OFFLINE=true")
    if pdf_dir is not None and pdf_dir.is_dir():
        shutil.copytree(pdf_dir, offline_dir / "pdf", dirs_exist_ok=True)
    archive.parent.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in offline_dir.rglob("*") if p.is_file() and p.suffix != ".map")
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zipped:
        for path in files:
            zipped.write(path, f"{FOLDER}/{path.relative_to(offline_dir).as_posix()}")
    return len(files)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("offline_dir", type=Path)
    parser.add_argument("archive", type=Path)
    parser.add_argument("--pdf-dir", type=Path, default=Path("site/pdf"))
    args = parser.parse_args()
    try:
        count = package(args.offline_dir, args.archive, args.pdf_dir)
    except FileNotFoundError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    size = args.archive.stat().st_size / 1024 / 1024
    print(f"wrote {args.archive} ({count} files, {size:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
