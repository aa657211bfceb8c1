"""Post-build step: zip the offline copy of the site (built with OFFLINE=true) for download.

    studysite offline OFFLINE_DIR [--site-dir site]        (make build runs it)

The offline copy is a second build of the site, with Material's offline plugin on
(OFFLINE=true mkdocs build --site-dir OFFLINE_DIR); this step packs it into the main site.

The zip (site.offline_zip, inside the main site) holds one folder named after the book: unzip
it and open index.html from disk. The PDF books of the main site are added when they exist, so
the footer's PDF link works in the copy too.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from .job import Job


def package(offline_dir: Path, archive: Path, folder: str, pdf_dir: Path | None) -> int:
    """Write the zip; return the number of files in it."""
    if not (offline_dir / "index.html").is_file():
        raise FileNotFoundError(f"{offline_dir} has no index.html: build it with OFFLINE=true")
    if pdf_dir is not None and pdf_dir.is_dir():
        shutil.copytree(pdf_dir, offline_dir / "pdf", dirs_exist_ok=True)
    archive.parent.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in offline_dir.rglob("*") if p.is_file() and p.suffix != ".map")
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zipped:
        for path in files:
            zipped.write(path, f"{folder}/{path.relative_to(offline_dir).as_posix()}")
    return len(files)


def run(job: Job) -> str:
    """Zip the offline build in job.site_dir into the main site (job.main_site, default: the
    configured one); return a one-line summary."""
    site, offline_dir = job.site, job.site_dir
    main_site = job.main_site or site.site_dir
    archive = main_site / site.offline_zip
    pdf_dir = main_site / Path(site.pdf_path(site.default_language.code)).parent
    count = package(offline_dir, archive, site.offline_folder, pdf_dir)
    size = archive.stat().st_size / 1024 / 1024
    return f"Offline copy: wrote {archive} ({count} files, {size:.1f} MB)"
