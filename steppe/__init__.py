"""steppe: English news articles in, coded political events (CAMEO + PLOVER) out.

    >>> import steppe
    >>> events = steppe.code(["Kazakh police detained 20 Tajik citizens on Monday."], date="2001-09-27")

Nothing is loaded at import; the model and lexicons load on first use.
"""
__version__ = "0.1.0"

from steppe.api_python import check_articles, code, code_articles  # noqa: E402  (light: imports nothing heavy)

__all__ = ["check_articles", "code", "code_articles", "__version__"]
