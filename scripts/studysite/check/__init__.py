"""The docs checker: image links, section headers, translations and encodings of a docs tree.

Command: `studysite check` (commands.py). Build gate: hooks/pre_build.py, through gate.py.
"""
