"""Batched look-ups the runner uses to resume (one query per batch, not one per article)."""
from steppe.records import Article, ArticleResult, Sentence


def _result(article_id, text):
    return ArticleResult(Article(article_id, text), content_hash="h-" + article_id,
                         sentences=[Sentence(article_id, 0, 0, len(text), text)])


def test_stored_hashes_names_only_stored_ids(store):
    assert not store.has_articles() and store.stored_hashes(["a", "b"]) == {}
    store.write([_result("a", "One."), _result("b", "Two.")])
    assert store.has_articles()
    assert store.stored_hashes(["b", "x", "a", "b"]) == {"a": "h-a", "b": "h-b"}
    assert store.stored_hashes([f"x{i}" for i in range(1200)] + ["a"]) == {"a": "h-a"}  # past one query's 512


def test_rewriting_stored_articles_still_replaces_them(store):
    store.write([_result("a", "One.")])
    store.write([_result("a", "One again."), _result("c", "Three.")])
    assert store.counts()["articles"] == 2 and store.counts()["sentences"] == 2
