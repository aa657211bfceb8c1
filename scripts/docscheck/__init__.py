"""docscheck: checks image links, section headers and translations of a MkDocs docs tree.

Command line: scripts/check_docs.py. Build gate: scripts/hooks/check_docs.py.
"""
