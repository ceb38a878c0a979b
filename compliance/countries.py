"""Country names from ISO 3166-1 codes (pycountry), for messages, sentences and reports."""

from __future__ import annotations

import pycountry


def country_name(code: str) -> str:
    """Return the short English name of an ISO 3166-1 alpha-2 code (the code itself when
    it is not one).

    >>> country_name("RU"), country_name("KP"), country_name("XX")
    ('Russian Federation', 'North Korea', 'XX')
    """
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)
