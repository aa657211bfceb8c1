"""pdfbook: the site's pages as a printable book per language (WeasyPrint).

Command line: scripts/build_pdf.py; `make pdf` and `make build` run it.
"""
