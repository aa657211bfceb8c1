"""Benchmark the docs checker against `mkdocs build` on synthetic bilingual docs trees.

    python scripts/bench/bench_checker.py [--sizes 1000 2000] [--keep DIR]      (make bench)

For each size N it writes N Korean pages and their N English translations (headings,
admonitions, lists, code blocks, tables, two diagrams per page), then times, on the same tree,
`studysite check` and `mkdocs build` (Material + static-i18n, as the site uses).
Goal: the checker costs at most a tenth of the build, and grows linearly with the pages.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from studysite.mkdocs_cli import mkdocs

DIAGRAMS = 40  # shared pool of SVG files, each with an English variant

CONFIG = """\
site_name: Synthetic bilingual notes
site_url: https://bench.example/
theme:
  name: material
  language: ko
  font: false
plugins:
  - search
  - i18n:
      docs_structure: suffix
      languages:
        - {locale: ko, name: 한국어, default: true}
        - {locale: en, name: English}
markdown_extensions:
  - admonition
  - attr_list
  - tables
  - pymdownx.details
  - pymdownx.superfences
  - toc:
      permalink: true
"""

KO_PAGE = """\
---
description: 서비스 {n}의 구조, 구성, 노드와 확인 문제를 정리한 학습 노트
---

# 서비스 {n} 학습 노트 {{ #page-{n} }}

## 개요 {{ #overview }}

- 서비스 {n}은 **서버리스** 분석 서비스임, S3의 데이터를 바로 쿼리함
- 스캔한 데이터 양에 따라 비용을 냄: 열 지향 형식과 압축으로 줄일 수 있음

![서비스 {n}의 구조: 클라이언트, 리더 노드, 컴퓨팅 노드, S3 저장소]({img_a})

## 구성 {{ #setup }}

!!! correction "바뀐 내용: 서비스 {n}"
    - **강의 내용:** 예전 설명
    - **현재:** 지금의 사실
    - ![서비스 {n}의 데이터 흐름: 원본에서 수집, 변환, 저장까지]({img_b})

### 노드 {{ #nodes }}

1. 리더 노드: 쿼리를 계획하고 결과를 집계
2. 컴퓨팅 노드: 쿼리를 실행

```bash
# 주석은 제목이 아님
aws s3 ls s3://bucket-{n}/
```

| 항목 | 값 |
| --- | --- |
| 노드 | {n} |

## 확인 문제 {{ #review }}

??? question "서비스 {n}에서 트래픽이 VPC를 거치게 하는 기능은?"
    **향상된 VPC 라우팅**
"""

EN_PAGE = """\
---
description: Study notes on service {n}, its architecture, setup and nodes, with a question
source_hash: 0000000000000000
---

# Service {n} study notes {{ #page-{n} }}

## Overview {{ #overview }}

- Service {n} is a **serverless** analytics service that queries data in S3 directly
- You pay for the data scanned: columnar formats and compression cut it

![Architecture of service {n}: client, leader node, compute nodes, S3 storage]({img_a})

## Setup {{ #setup }}

!!! correction "What changed: service {n}"
    - **The course said:** the old explanation
    - **Now:** today's fact
    - ![Data flow of service {n}: from the source through ingestion to storage]({img_b})

### Nodes {{ #nodes }}

1. Leader node: plans queries and aggregates results
2. Compute nodes: run the queries

```bash
# a comment is not a heading
aws s3 ls s3://bucket-{n}/
```

| Item | Value |
| --- | --- |
| Nodes | {n} |

## Review {{ #review }}

??? question "Which feature forces service {n} traffic through the VPC?"
    **Enhanced VPC Routing**
"""

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 200" width="800" height="200">'
    "<title>{t}</title><desc>{t}</desc><text x='20' y='40' font-size='16'>{t}</text></svg>"
)


def write_tree(root: Path, pages: int) -> None:
    """N Korean pages, N English pages, and a pool of diagrams, in root/docs."""
    docs = root / "docs"
    (docs / "images").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    for i in range(DIAGRAMS):
        (docs / "images" / f"d{i}.svg").write_text(
            SVG.format(t=f"다이어그램 {i}"), encoding="utf-8"
        )
        (docs / "images" / f"d{i}.en.svg").write_text(
            SVG.format(t=f"Diagram {i}"), encoding="utf-8"
        )
    for n in range(pages):
        section = docs / f"section-{n // 100:02d}"
        section.mkdir(exist_ok=True)
        images = {
            "img_a": f"../images/d{n % DIAGRAMS}.svg",
            "img_b": f"../images/d{(n + 1) % DIAGRAMS}.svg",
        }
        (section / f"page-{n}.md").write_text(KO_PAGE.format(n=n, **images), encoding="utf-8")
        (section / f"page-{n}.en.md").write_text(EN_PAGE.format(n=n, **images), encoding="utf-8")
    (docs / "index.md").write_text("# 홈 { #home }\n\n학습 노트.\n", encoding="utf-8")
    (docs / "index.en.md").write_text(
        "---\nsource_hash: 0\n---\n\n# Home { #home }\n\nNotes.\n", encoding="utf-8"
    )


def bench(root: Path, pages: int) -> tuple[float, float]:
    """(checker seconds, build seconds) on a fresh tree of `pages` pages."""
    write_tree(root, pages)
    started = time.perf_counter()
    checker = [sys.executable, "-m", "studysite", "check", "-f", "mkdocs.yml"]
    subprocess.run(checker, cwd=root, capture_output=True, check=False)
    checker_time = time.perf_counter() - started
    started = time.perf_counter()
    result = mkdocs("build", "-f", "mkdocs.yml", "-d", str(root / "site"), cwd=root)
    build_time = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"mkdocs build failed on the synthetic tree:\n{result.stderr[-2000:]}")
    return checker_time, build_time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[1000, 2000], help="pages per language"
    )
    parser.add_argument("--keep", type=Path, help="write the trees here and keep them")
    args = parser.parse_args()
    print("Docs checker vs mkdocs build, synthetic bilingual trees (2 diagrams per page)")
    header = (
        f"{'pages':>12} {'files':>7} {'checker s':>10} {'build s':>9} {'ratio':>7} {'ms/page':>8}"
    )
    print(header)
    print("-" * len(header))
    rows = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = (args.keep or Path(tmp)) / f"tree-{size}"
            checker_time, build_time = bench(root, size)
        files = 2 * size + 2 + 2 * DIAGRAMS
        rows.append((size, checker_time))
        print(
            f"{f'{size} x 2':>12} {files:>7} {checker_time:>10.2f} {build_time:>9.2f} "
            f"{checker_time / build_time:>7.3f} {1000 * checker_time / (2 * size):>8.2f}",
            flush=True,
        )
    if len(rows) >= 2:
        (small, t_small), (large, t_large) = rows[0], rows[-1]
        print(
            f"\nScaling: {large / small:.1f}x the pages took {t_large / t_small:.2f}x the checker "
            "time (linear = the same factor; the fixed part is Python start-up and imports)."
        )


if __name__ == "__main__":
    main()
