-- steppe schema, version 5: a store that stays fast at 10 million mentions (issue 19).
--
-- events.date_start: the event date as a DATE, the first day of the known period (2001-09 ->
--   2001-09-01, 2001 -> 2001-01-01); NULL when the year is unknown (NULL or --MM-DD), so such
--   events sort last. `date` (the text of the event schema) is kept as it was.
-- articles.news_source: the article's source, else its URL's host, else 'article:' || id; what
--   NumSources counts (computed once when the article is written, not per query).
-- actors.events: the mentions naming the actor (as source or target), kept by the writer.
-- event_groups: one row per deduplicated event (dedup_id), kept by the writer for each batch:
--   the counts, whether a lead sentence reported it, the first report (root_event_id, with its
--   ordering key root_key) and the key's columns for grouping without the mentions.
-- event_group_sources: the news sources of each event (what num_sources counts).
-- The rows stored before this version are filled in by the store's migration step (Python,
-- steppe/store/groups.py), in the same transaction, with the same SQL the writer uses.

ALTER TABLE events ADD COLUMN date_start DATE;
DROP INDEX IF EXISTS events_date;
ALTER TABLE articles ADD COLUMN news_source VARCHAR;
ALTER TABLE actors ADD COLUMN events BIGINT DEFAULT 0;

CREATE TABLE event_groups (
    dedup_id        VARCHAR PRIMARY KEY,
    date            VARCHAR,
    date_start      DATE,
    source_code     VARCHAR, source_country VARCHAR,
    target_code     VARCHAR, target_country VARCHAR,
    cameo           VARCHAR,
    quad_class      INTEGER,
    goldstein       DOUBLE,
    num_mentions    BIGINT NOT NULL,
    num_articles    BIGINT NOT NULL,
    num_sources     BIGINT NOT NULL,
    is_root_event   INTEGER NOT NULL,
    root_event_id   VARCHAR NOT NULL,
    root_key        STRUCT(pub_key VARCHAR, coded_at TIMESTAMP, article_id VARCHAR, sentence_index INTEGER,
                           event_id VARCHAR) NOT NULL
);

CREATE TABLE event_group_sources (
    dedup_id    VARCHAR NOT NULL,
    news_source VARCHAR NOT NULL,
    PRIMARY KEY (dedup_id, news_source)
);

CREATE OR REPLACE VIEW event_mentions AS
SELECT e.*,
       a.pub_date AS pub_date,
       a.coded_at AS coded_at,
       a.title AS article_title,
       a.url AS article_url,
       a.source AS article_source,
       coalesce(a.news_source, 'article:' || e.article_id) AS news_source
FROM events e LEFT JOIN articles a ON a.article_id = e.article_id;

CREATE OR REPLACE VIEW events_dedup AS
SELECT g.num_mentions, g.num_articles, g.num_sources, g.is_root_event, r.*
FROM event_groups g JOIN event_mentions r ON r.event_id = g.root_event_id;
