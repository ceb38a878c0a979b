"""Reading input files: YAML, JSON and JSON Lines documents, validated into models.

The home of input adapters: a new format (a sanctions-list XML, routing data) goes
here and produces the same models.
"""
