"""A wheel the plugin's build pins by version and hash (stdlib only): from the cache, or
downloaded with pip, refused when its sha256 is not the pinned one."""
from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path


def pinned(cache: Path, wheel: str, requirement: str, sha256: str, path: Path | None = None) -> Path:
    """``path`` when given, else ``cache/wheel`` (downloaded with pip when missing), checked."""
    if path is None:
        path = cache / wheel
        if not path.exists():
            cache.mkdir(parents=True, exist_ok=True)
            subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:",
                            "-d", str(cache), requirement], check=True)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != sha256:
        raise SystemExit(f"{path}: sha256 {digest}, expected {sha256}")
    return path
