"""`python -m studysite`: the same as the `studysite` command (cli.py)."""

from .cli import main

raise SystemExit(main())
