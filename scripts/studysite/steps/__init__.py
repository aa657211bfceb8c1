"""Post-build steps: each runs over a built site directory, as a command
(`studysite STEP SITE_DIR`, cli.py) and, but for the last, from the post-build hook
(hooks/post_build.py) after every build.

1. fonts.py: the site font subset to the site's characters, and each diagram's own subset;
2. search_index.py: one search index per language;
3. icons.py: PNG and ICO icons from the SVG favicon;
4. pdf.py: the PDF books (in the hook when extra.pdf_books is on: make build, make pdf);
5. offline.py: zips the offline copy, a second build (OFFLINE=true), into the main site.
"""
