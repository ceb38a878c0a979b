"""The hostile-input corpus (tests/hostile/): every entry's exact outcome, and the
guarantees that hold for every input (see :mod:`tests.hostile.corpus`).

All entries run once, in parallel, in capped and watched children
(:mod:`tests.hostile.harness`); each test then checks one entry's result.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.hostile.checks import check_guarantees, shown
from tests.hostile.corpus import CLASSES, Entry
from tests.hostile.entries import ENTRIES
from tests.hostile.harness import UNSUPPORTED, Job, Result, run_jobs


def _prepare(entry: Entry, folder: Path) -> Job:
    folder.mkdir(parents=True)
    for name, content in entry.files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    if entry.setup is not None:
        entry.setup(folder)
    args = tuple(a.replace("{dir}", str(folder)) for a in entry.args)
    return Job(entry.key, args, folder, readonly=entry.readonly, full=entry.full,
               env={"COMPLIANCE_CACHE_DIR": "off", **entry.env})


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Result]]:
    # Imported before forking, so that no child imports them again.
    import compliance.cli
    import compliance.output.text
    import compliance.render.report
    import compliance.reviewing.quotes  # noqa: F401

    root = tmp_path_factory.mktemp("hostile")
    scratch = tmp_path_factory.mktemp("hostile-results")
    folders = {e.key: root / e.key.replace("/", "__") for e in ENTRIES}
    jobs = [_prepare(e, folders[e.key]) for e in ENTRIES]
    results = run_jobs(jobs, scratch)
    return {key: (folders[key], result) for key, result in results.items()}


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.key for e in ENTRIES])
def test_entry(entry: Entry, outcomes: dict[str, tuple[Path, Result]]) -> None:
    folder, result = outcomes[entry.key]
    if result.error and result.error.startswith(UNSUPPORTED):
        pytest.skip(f"this machine cannot set the entry up ({result.error})")
    check_guarantees(result, folder, color=entry.color)
    expected = [line.replace("{dir}", str(folder)) for line in entry.stderr]
    assert (result.exit, result.stderr.splitlines()) == (entry.exit, expected), shown(result)
    for part in entry.stdout_has:
        assert part in result.stdout, f"{part!r} not in stdout:\n{result.stdout[:3000]}"
    if entry.after is not None:
        entry.after(folder)


def test_corpus_covers_every_class() -> None:
    """At least 150 hostile inputs (with tests/invalid), and every class of the issue."""
    counts = Counter(e.klass for e in ENTRIES)
    assert set(counts) <= set(CLASSES), counts
    assert all(counts[c] >= 5 for c in CLASSES), counts
    invalid = len(list((Path(__file__).parent / "invalid").rglob("*.expected")))
    assert len(ENTRIES) + invalid >= 150, (len(ENTRIES), invalid)
