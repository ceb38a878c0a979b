"""Optional repairs to WeasyPrint's internals that change its speed, not what it draws."""
