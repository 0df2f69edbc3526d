"""The learner's own folder: study progress and imported notes, never the shipped data.

``$AWSKG_USER_DATA`` if set, else the platform's user data directory
(``platformdirs``: ``~/.local/share/awskg`` on Linux). Nothing in it is created
until a command writes there; a folder that cannot be created or written is one
clear :class:`~graph.errors.UsageError`, and a folder inside the shipped data or
vocabulary is refused, so the package files are never changed.

>>> import os, tempfile
>>> os.environ["AWSKG_USER_DATA"] = tempfile.mkdtemp()
>>> user_data_dir().is_dir()
True
>>> writable_user_dir("drafts").name
'drafts'
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from graph.errors import UsageError
from graph.store.paths import default_data_dir

__all__ = ["user_data_dir", "writable_user_dir", "atomic_write", "user_layer", "ENV", "OFF_ENV"]

ENV = "AWSKG_USER_DATA"
#: Set to 1 (or ``awskg --no-user-data``) to read the shipped data only.
OFF_ENV = "AWSKG_NO_USER_DATA"


def _shipped_roots() -> list[Path]:
    ontology = Path(__file__).resolve().parents[2] / "ontology"
    return [default_data_dir().resolve(), ontology.resolve()]


def user_data_dir() -> Path:
    """Where the learner's files live (may not exist yet)."""
    env = os.environ.get(ENV)
    if env is not None and not env.strip():
        raise UsageError(f"${ENV} is set but empty: unset it or name a folder")
    if env:
        path = Path(env).expanduser()
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir("awskg", appauthor=False))
    resolved = path.resolve()
    for root in _shipped_roots():
        if resolved == root or root in resolved.parents:
            raise UsageError(f"the user folder {path} is inside the shipped files ({root}); "
                             f"set ${ENV} to a folder of your own")
    return path


def writable_user_dir(*parts: str) -> Path:
    """``user_data_dir()/parts…``, created if needed; one clear error if it cannot be written."""
    path = user_data_dir().joinpath(*parts)
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = tempfile.NamedTemporaryFile(dir=path, prefix=".probe-", delete=True)
        probe.close()
    except OSError as err:
        raise UsageError(f"cannot write to the user folder {path}: {err.strerror or err} "
                         f"(set ${ENV} to a writable folder)") from None
    return path


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename: never half a file.

    >>> import tempfile; p = Path(tempfile.mkdtemp()) / "x.ttl"
    >>> atomic_write(p, "hello"); p.read_text()
    'hello'
    """
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise UsageError(f"cannot write {path}: {err.strerror or err}") from None


def user_layer() -> Path | None:
    """The user folder when it holds imported notes or drafts to load with the data, else ``None``.

    Never an error: a folder that is unset, missing or refused simply adds nothing
    (commands that *write* there say why with :func:`writable_user_dir`).
    """
    if os.environ.get(OFF_ENV, "").strip() not in ("", "0"):
        return None
    try:
        path = user_data_dir()
    except UsageError:
        return None
    if (path / "kb").is_dir() or (path / "notes").is_dir():
        return path
    return None
