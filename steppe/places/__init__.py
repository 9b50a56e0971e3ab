"""Places: offline geocoding with a gazetteer built once from installed packages.

    >>> from steppe.places import find_places, resolve_name
    >>> resolve_name("Kazakstan").country
    'KAZ'

Nothing is loaded at import; the gazetteer cache is built or opened on first use.
"""
from steppe.places.gazetteer import Gazetteer, GazetteerError, get_gazetteer
from steppe.places.resolve import find_places, resolve_name

__all__ = ["Gazetteer", "GazetteerError", "find_places", "get_gazetteer", "resolve_name"]
