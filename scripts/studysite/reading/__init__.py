"""Reading a page of the docs: its bytes decoded (source.py), parsed into headings, images,
links, questions and content blocks with their positions (document.py), its front matter
(frontmatter.py). Below the site model, the checker, the glossary and the practice page, which
all read pages through it; it imports none of them.
"""
