"""What ``compliance check`` prints: text for terminals and machine-readable formats."""
