-- steppe schema, version 2: cross-article deduplication.
--
-- Each row of `events` is one mention: an event as one article's sentence reported it, with
-- its evidence. Mentions with the same dedup key are one event, as in GDELT:
--   date (only dates with a known year: YYYY-MM-DD, YYYY-MM or YYYY), source code, target code,
--   CAMEO code, and the place where known (GeoNames id, else the place's name, else nothing).
-- Mentions without a usable date (null, or --MM-DD with the year unknown) are never merged.
-- events.dedup_id = the first 20 hex digits of sha256(dedup key): stable, the same in every
-- database, unchanged when more mentions of the event arrive. The key is defined once, in
-- steppe/store/keys.py: the store computes it for each mention it writes, and the data step of
-- this migration (keys.fill_dedup_ids, run after this file) fills the rows stored before.
-- Grouping happens at query time (views below, steppe/store/dedup.py), so the counts are
-- consistent after every write and nothing has to be rebuilt when articles arrive.

ALTER TABLE events ADD COLUMN dedup_id VARCHAR;

-- Mentions with their article's fields; news_source: the article's source, else its URL's host,
-- else the article itself (what NumSources counts).
CREATE VIEW event_mentions AS
SELECT e.*,
       a.pub_date AS pub_date,
       a.coded_at AS coded_at,
       a.title AS article_title,
       a.url AS article_url,
       a.source AS article_source,
       coalesce(nullif(trim(a.source), ''),
                nullif(regexp_extract(lower(a.url), '^[a-z][a-z0-9+.-]*://(?:www\.)?([^/:?#]+)', 1), ''),
                'article:' || e.article_id) AS news_source
FROM events e LEFT JOIN articles a ON a.article_id = e.article_id;

-- One row per event: the first report's mention (earliest publication date) with the counts.
CREATE VIEW events_dedup AS
WITH g AS (
    SELECT dedup_id AS group_id,
           count(*) AS num_mentions,
           count(DISTINCT article_id) AS num_articles,
           count(DISTINCT news_source) AS num_sources,
           max(CASE WHEN sentence_index = 0 THEN 1 ELSE 0 END) AS is_root_event,
           arg_min(event_id, (coalesce(pub_date, '9999'), coded_at, article_id, sentence_index, event_id))
               AS root_event_id
    FROM event_mentions
    GROUP BY dedup_id
)
SELECT g.num_mentions, g.num_articles, g.num_sources, g.is_root_event, r.*
FROM g JOIN event_mentions r ON r.event_id = g.root_event_id;
