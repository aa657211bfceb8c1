"""Hangul: the one definition of which characters are Korean letters."""

from __future__ import annotations

import re

# Jamo, compatibility jamo and the 11,172 precomposed syllables.
HANGUL = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3"
HANGUL_RE = re.compile(f"[{HANGUL}]")
