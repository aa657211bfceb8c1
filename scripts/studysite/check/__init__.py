"""The docs checker: every rule of rules.py over a docs tree read once (runner.py).

Command: `studysite check` (commands.py). Build gate: hooks/pre_build.py, through gate.py.
"""
