"""One cache for values derived from a whole store (lexicons, catalogues, labels).

>>> calls = []
>>> @per_store
... def size(store):
...     calls.append(store)
...     return len(store.items)
>>> class S:  # any weak-referenceable object stands in for a Store
...     items = [1, 2]
>>> s = S()
>>> size(s), size(s), len(calls)
(2, 2, 1)
"""

from __future__ import annotations

import functools
import threading
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["per_store"]

T = TypeVar("T")


def per_store(fn: Callable[[Any], T]) -> Callable[[Any], T]:
    """Compute ``fn(store)`` once per store object; forget it when the store goes away.

    Thread-safe for Streamlit's script threads: two first callers may both compute,
    but every caller gets the same value.
    """
    cache: weakref.WeakKeyDictionary[Any, T] = weakref.WeakKeyDictionary()
    lock = threading.Lock()

    @functools.wraps(fn)
    def wrapper(store: Any) -> T:
        with lock:
            if store in cache:
                return cache[store]
        value = fn(store)
        with lock:
            return cache.setdefault(store, value)

    return wrapper
