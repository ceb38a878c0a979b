"""``python -m compliance`` runs the command-line interface."""

from compliance.cli import main

main()
