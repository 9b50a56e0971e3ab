"""The Python API the CLI is a thin layer over."""
from __future__ import annotations

from typing import Any, Iterable, Iterator, Mapping, Union

ArticleLike = Union[str, Mapping[str, Any], "Article"]  # noqa: F821


def _as_article(item: ArticleLike, n: int, date):
    from steppe.ingest.readers import content_hash
    from steppe.records import Article

    if isinstance(item, Article):
        return item if item.date or not date else Article(**{**item.__dict__, "date": date})
    if isinstance(item, str):
        return Article(id=content_hash(item), text=item, date=date, origin=f"<text {n}>")
    if isinstance(item, Mapping):
        text = item.get("text")
        if not isinstance(text, str):
            raise TypeError(f"article {n}: 'text' must be a string")
        return Article(id=str(item.get("id") or content_hash(text)), text=text,
                       title=item.get("title"), date=item.get("date") or date,
                       url=item.get("url"), source=item.get("source"), origin=f"<article {n}>")
    raise TypeError(f"article {n}: expected str, dict or Article, got {type(item).__name__}")


def code_articles(articles: Iterable[ArticleLike], **settings: Any) -> Iterator["ArticleResult"]:  # noqa: F821
    """Code articles (strings, dicts in the input schema, or Article records); yield results."""
    from steppe.config import load_settings
    from steppe.pipeline import Coder
    from steppe.records import ArticleResult

    date = settings.pop("date", None)
    cfg = load_settings(**settings)
    coder = Coder(cfg)
    arts = (_as_article(a, i, date) for i, a in enumerate(articles))
    for res in coder.code_stream(arts):
        if isinstance(res, ArticleResult):
            yield res


def code(articles: Union[ArticleLike, Iterable[ArticleLike]], **settings: Any) -> list["Event"]:  # noqa: F821
    """Code one article or many; return their events (``steppe.records.Event``)."""
    if isinstance(articles, (str, Mapping)):
        articles = [articles]
    return [e for r in code_articles(articles, **settings) for e in r.events]
