"""Measuring a built site as a reader's browser meets it: headless Chromium (browser.py), a
static server (server.py), page readiness and first-view weight (page.py), search (search.py).
Used by the tests and the benchmarks; needs the test requirements (Playwright).
"""
