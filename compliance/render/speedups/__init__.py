"""Speed-ups to WeasyPrint and its libraries, each installed only on versions it was tested on.

Every speed-up replaces private code of a library, so it is installed only when
the installed version of that library is listed in :data:`TESTED`; on any other
version, or with ``COMPLIANCE_SPEEDUPS=off`` in the environment, the stock code
runs.  Installing imports the private names it needs first and changes nothing
until they are all there, so a library that moved them leaves its stock code in
place instead of crashing the report.  Only installing is guarded: once a
speed-up runs, errors raised by the stock code it calls propagate as usual.
docs/performance.md gives each one's measured gain and the private names it touches.
"""

from __future__ import annotations

import functools
import os
from types import ModuleType
from typing import Final

SWITCH: Final = "COMPLIANCE_SPEEDUPS"
"""The environment variable that turns every speed-up off (``off``)."""

OFF: Final = frozenset({"off", "0", "false", "no"})

TESTED: Final[dict[str, tuple[str, frozenset[str]]]] = {
    # speed-up: (the distribution whose private code it replaces, versions tested)
    "skip_library_search": ("weasyprint", frozenset({"70.0"})),  # in pdf.import_weasyprint
    "stack_footnotes": ("weasyprint", frozenset({"70.0"})),
    "compute_plain_styles_directly": ("weasyprint", frozenset({"70.0"})),
    "remember_struts": ("weasyprint", frozenset({"70.0"})),
    "cache_tokenizer_patterns": ("tinyhtml5", frozenset({"2.1.0"})),
    "compress_streams_once": ("pydyf", frozenset({"0.13.0"})),
}
"""A version is added only after the PDF-equivalence tests (marker ``speedups``)
pass on it: the code each speed-up replaces changes without notice."""

_active: set[str] = set()
_failed: dict[str, str] = {}


def switched_off() -> bool:
    """Whether ``COMPLIANCE_SPEEDUPS=off`` (or ``0``, ``false``, ``no``) is set."""
    return os.environ.get(SWITCH, "").strip().lower() in OFF


@functools.cache
def installed(distribution: str) -> str | None:
    """The installed version of ``distribution``, or None (read once per process)."""
    from importlib import metadata

    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def allowed(name: str) -> bool:
    """Whether speed-up ``name`` may be installed: not switched off, tested version."""
    library, tested = TESTED[name]
    return not switched_off() and installed(library) in tested


def _installers() -> dict[str, ModuleType]:
    """The module defining each installer (looked up by name at each call, so
    that tests can stand one in)."""
    from compliance.render.speedups import patches, textpatches

    return {name: textpatches if name == "remember_struts" else patches
            for name in TESTED if name != "skip_library_search"}


def install() -> None:
    """Install every allowed speed-up and remove any installed one no longer allowed.

    Cheap to call before each layout and write: installers do nothing when their
    speed-up is already in place.  WeasyPrint must have been imported.
    """
    for name, module in _installers().items():
        installer = getattr(module, name)
        if allowed(name):
            try:
                installer(True)
            except Exception as error:  # private names moved: keep the stock code
                _failed[name] = f"{type(error).__name__}: {error}"
                _active.discard(name)
            else:
                _active.add(name)
                _failed.pop(name, None)
        elif name in _active:
            installer(False)
            _active.discard(name)


def status() -> dict[str, str]:
    """Each speed-up's state in this process, for tests and benchmarks:
    ``on``, ``off (COMPLIANCE_SPEEDUPS)``, ``untested <library> <version>`` or
    ``failed: <error>``; ``not installed`` before the first :func:`install`."""
    states = {}
    for name, (library, _) in TESTED.items():
        if name in _failed:
            states[name] = f"failed: {_failed[name]}"
        elif switched_off():
            states[name] = f"off ({SWITCH})"
        elif not allowed(name):
            states[name] = f"untested {library} {installed(library)}"
        elif name in _active or name == "skip_library_search":
            states[name] = "on"
        else:
            states[name] = "not installed"
    return states
