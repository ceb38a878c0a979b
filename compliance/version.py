"""The tool's version: one place, read by the package metadata and every output."""

__version__ = "0.2.0"
