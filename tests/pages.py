"""The site's pages and their fixed URLs (issue: later checks rely on these paths)."""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ("ko", "en")
DEFAULT_LANGUAGE = "ko"


@dataclass(frozen=True)
class Page:
    slug: str  # "" for the home page
    source: str  # Markdown file of the Korean page, relative to docs/

    def path(self, lang: str) -> str:
        """URL path of the page in a language, e.g. '/en/athena/'."""
        prefix = "/" if lang == DEFAULT_LANGUAGE else f"/{lang}/"
        return prefix + (f"{self.slug}/" if self.slug else "")

    def html_file(self, lang: str) -> str:
        """The built file, relative to the site directory."""
        return self.path(lang).lstrip("/") + "index.html"

    def markdown(self, lang: str) -> str:
        stem = self.source.removesuffix(".md")
        return self.source if lang == DEFAULT_LANGUAGE else f"{stem}.{lang}.md"


PAGES = (
    Page("", "index.md"),
    Page("athena", "athena.md"),
    Page("redshift", "redshift.md"),
    Page("opensearch", "opensearch.md"),
    Page("emr", "emr.md"),
    Page("quicksight", "quicksight.md"),
    Page("glue", "glue.md"),
    Page("lake-formation", "lake-formation.md"),
    Page("kinesis-analytics", "kinesis-analytics.md"),
    Page("msk", "msk.md"),
    Page("ingestion-pipeline", "ingestion-pipeline.md"),
)

PAGE_IDS = [page.slug or "home" for page in PAGES]
