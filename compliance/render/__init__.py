"""Renderers: text and JSON for the CLI; HTML and PDF for assessments."""
