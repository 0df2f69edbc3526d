"""Where the shipped data lives, in a checkout and in an installed wheel."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

__all__ = ["default_data_dir", "NOTES_GLOB"]

NOTES_GLOB = "notes/*.md"


def default_data_dir() -> Path:
    """``$AWSKG_DATA`` if set, else the repo's ``data/`` (or the wheel's copy).

    >>> (default_data_dir() / "kb").is_dir()
    True
    """
    env = os.environ.get("AWSKG_DATA")
    if env:
        return Path(env)
    checkout = Path(__file__).resolve().parents[2] / "data"
    if (checkout / "kb").is_dir():
        return checkout
    return Path(str(resources.files("awskg_data")))
