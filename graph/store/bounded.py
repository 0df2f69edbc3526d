"""Run a console query in a child process that is killed at its time or memory limit.

An in-process engine cannot be interrupted: a thread that gives up waiting
leaves the query running, growing, holding the store. A forked child shares the
loaded store (copy-on-write, nothing to reload) and can be killed, which stops
the work and returns its memory at once. The parent polls the child's resident
memory and kills it past ``memory_mb``; the child also caps its own address
space, so one large allocation fails instead of swapping the machine.

Where ``fork`` does not exist (Windows, macOS defaults), the query runs in a
thread with the old behaviour: the caller is answered in time, the work is not
stopped.

>>> run_bounded(lambda: sum(range(10)), timeout=5)
45
>>> import time
>>> run_bounded(lambda: time.sleep(30), timeout=0.5)
Traceback (most recent call last):
...
graph.errors.QueryError: the query did not finish within 0.5 s and was stopped
"""

from __future__ import annotations

import faulthandler
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from graph.errors import KGError, QueryError

__all__ = ["run_bounded", "DEFAULT_MEMORY_MB", "rss_mb"]

T = TypeVar("T")

#: What one console query may add to the process it runs in (env ``AWSKG_QUERY_MEMORY_MB``).
DEFAULT_MEMORY_MB = 1024
_POLL = 0.02


def rss_mb(pid: int | str = "self") -> float:
    """Resident memory of a process in MB (0 where /proc is not there).

    >>> rss_mb() > 1
    True
    """
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0.0


def _vm_bytes() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _child(fn: Callable[[], Any], conn: Any, memory_mb: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    # An engine that runs out of memory aborts with a Rust backtrace: not the user's to read.
    faulthandler.disable()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    try:
        import resource

        vm = _vm_bytes()
        if vm:
            limit = vm + memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass
    try:
        conn.send(("ok", fn()))
    except MemoryError:
        conn.send(("error", QueryError(f"the query needed more than {memory_mb} MB and was stopped")))
    except KGError as err:
        conn.send(("error", err))
    except BaseException as err:  # anything else reaches the user as one line
        conn.send(("error", QueryError(f"the query failed: {type(err).__name__}: {str(err)[:200]}")))
    finally:
        conn.close()


def _memory_limit() -> int:
    raw = os.environ.get("AWSKG_QUERY_MEMORY_MB", "")
    try:
        value = int(raw) if raw else DEFAULT_MEMORY_MB
    except ValueError:
        raise QueryError(f"AWSKG_QUERY_MEMORY_MB must be a whole number of MB, not {raw[:20]!r}") from None
    if value < 16:
        raise QueryError("AWSKG_QUERY_MEMORY_MB must be at least 16")
    return value


def run_bounded(fn: Callable[[], T], *, timeout: float, memory_mb: int | None = None) -> T:
    """``fn()``, computed in a forked child that is killed past ``timeout`` s or ``memory_mb``.

    ``fn``'s value must be picklable: it crosses a pipe.
    """
    memory_mb = memory_mb or _memory_limit()
    if "fork" not in multiprocessing.get_all_start_methods():
        return _in_thread(fn, timeout)
    ctx = multiprocessing.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(fn, send, memory_mb), daemon=True)
    proc.start()
    send.close()
    deadline = time.monotonic() + timeout
    try:
        while True:
            if recv.poll(_POLL):
                try:
                    status, value = recv.recv()
                except (EOFError, OSError):
                    raise QueryError(_died(proc, memory_mb)) from None
                if status == "error":
                    raise value
                return value  # type: ignore[no-any-return]
            if not proc.is_alive() and not recv.poll(0):
                raise QueryError(_died(proc, memory_mb))
            if rss_mb(proc.pid) - rss_mb() > memory_mb:
                raise QueryError(f"the query needed more than {memory_mb} MB and was stopped")
            if time.monotonic() > deadline:
                raise QueryError(f"the query did not finish within {timeout:g} s and was stopped")
    finally:
        recv.close()
        if proc.is_alive():
            proc.kill()
        proc.join(5)


def _died(proc: Any, memory_mb: int) -> str:
    proc.join(1)
    if proc.exitcode in (-signal.SIGABRT, -signal.SIGKILL, -signal.SIGSEGV):
        return f"the query needed more than {memory_mb} MB and was stopped"
    if proc.exitcode is not None and proc.exitcode < 0:
        return f"the query was stopped (signal {-proc.exitcode})"
    return "the query process ended without an answer"


def _in_thread(fn: Callable[[], T], timeout: float) -> T:
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["value"] = fn()
        except BaseException as err:  # handed back to the caller below
            box["error"] = err

    t = threading.Thread(target=work, daemon=True)
    t.start()
    t.join(timeout)
    if t.is_alive():
        raise QueryError(f"the query did not finish within {timeout:g} s")
    if "error" in box:
        raise box["error"]
    return box["value"]  # type: ignore[no-any-return]
