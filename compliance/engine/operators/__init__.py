"""The operators of the condition language, one class each (see ``engine.conditions``).

Importing this package registers them, in the order their keys are listed in
messages and documentation, and gives :func:`compile_condition` and the registry
:data:`OPERATORS` with every operator in it: compile conditions through here.  A new
operator is a class in one of these modules (or a new module imported here) plus
its tests.
"""
# ruff: noqa: I001  (the import order is the registration order)

from compliance.engine.operators import logic  # noqa: F401  all, any, not, use
from compliance.engine.operators import facts  # noqa: F401  fact
from compliance.engine.operators import parties  # noqa: F401  some_party, owned_by, designated
from compliance.engine.operators import readings  # noqa: F401  interpretation
from compliance.engine.operators import dates  # noqa: F401  day_assessed

from compliance.engine.conditions import OPERATORS, compile_condition

__all__ = ["OPERATORS", "compile_condition"]
