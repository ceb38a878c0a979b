"""The rule engine: facts, conditions, compilation, evaluation, explanation, assessment."""
