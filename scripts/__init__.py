"""Maintenance scripts, run by hand (the tests import some of them)."""
