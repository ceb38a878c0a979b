"""Every entry of the hostile-input corpus, from the modules that define them by area."""

from __future__ import annotations

from tests.hostile.corpus import Entry
from tests.hostile.entries_cli import CLI
from tests.hostile.entries_data import DATA
from tests.hostile.entries_inputs import INPUTS
from tests.hostile.entries_official import OFFICIAL
from tests.hostile.entries_output import OUTPUT
from tests.hostile.entries_rules import RULES

ENTRIES: list[Entry] = [*INPUTS, *RULES, *DATA, *OUTPUT, *OFFICIAL, *CLI]
assert len({e.key for e in ENTRIES}) == len(ENTRIES), "entry keys must be unique"
