"""Memory helpers shared by the loaders and the PDF writer."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic GC for a burst of allocation, then restore it.

    Bulk loads and page layout allocate millions of objects that reference
    counting frees on its own; the cyclic collector only re-walks them.  Cycles
    left behind are collected once the GC is enabled again.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
