"""Assess telecom relationships against encoded UN Security Council DPRK provisions."""

__version__ = "0.1.0"

__all__ = ["__version__"]
