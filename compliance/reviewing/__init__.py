"""Reviewer tools for rule files: validate, catalogue, diff, verify quotes, schema."""
