"""The Python API the CLI is a thin layer over.

Articles go through the same job as `steppe code` (``steppe.job.Job``): the same checks and
flags (a blank text is skipped as ``empty text``, an over-long one cut and flagged
``truncated-to-N-chars``, an unreadable date flagged ``date-unreadable: '...'``, a text that does
not look English skipped unless ``lang="en"``), the same settings and their checks.
"""
from __future__ import annotations

import logging
from typing import Any, Callable, Iterable, Iterator, Mapping, Optional, Union

log = logging.getLogger("steppe")
ArticleLike = Union[str, Mapping[str, Any], "Article"]  # noqa: F821


def code_articles(articles: Iterable[ArticleLike], on_skip: Optional[Callable[["Skipped"], None]] = None,  # noqa: F821
                  **settings: Any) -> Iterator["ArticleResult"]:  # noqa: F821
    """Code articles (strings, dicts in the input schema, or Article records); yield results.

    ``settings``: any field of ``steppe.config.Settings`` (over ``STEPPE_*`` and ./steppe.toml),
    or ``settings=Settings(...)``. An article that cannot be coded is not yielded: it is handed
    to ``on_skip`` as a ``steppe.records.Skipped`` with the reason `steppe code` gives (without
    ``on_skip``, logged as a warning of the ``steppe`` logger: never dropped silently)."""
    from steppe.config import make_settings
    from steppe.ingest.boundary import Objects
    from steppe.job import Job
    from steppe.records import ArticleResult

    job = Job(make_settings(**settings))
    for res in job.results([Objects(articles)]):
        if isinstance(res, ArticleResult):
            yield res
        elif on_skip is not None:
            on_skip(res)
        else:
            log.warning("skipped: %s: %s", res.origin, res.reason)


def check_articles(articles: Iterable[ArticleLike], **settings: Any) -> list[Union["Article", "Skipped"]]:  # noqa: F821
    """The articles as the coder would get them (``Article``: checked, flagged, date parsed) or
    the reason each unusable one is skipped (``Skipped``), without coding anything."""
    from steppe.config import make_settings
    from steppe.ingest.boundary import Objects
    from steppe.job import Job

    return list(Job(make_settings(**settings)).articles([Objects(articles)]))


def code(articles: Union[ArticleLike, Iterable[ArticleLike]], **settings: Any) -> list["Event"]:  # noqa: F821
    """Code one article or many; return their events (``steppe.records.Event``)."""
    from steppe.records import Article

    if isinstance(articles, (str, Mapping, Article)):
        articles = [articles]
    return [e for r in code_articles(articles, **settings) for e in r.events]
