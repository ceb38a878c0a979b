"""Pydantic models: case files, rule files and findings (no behaviour beyond validation)."""
