-- steppe schema, version 6: dyad counts kept by the writer (issue 19), so that /dyads without
-- filters reads a few thousand rows instead of grouping every mention.
--
-- dyad_counts: one row per level and pair of actors, for the pairs with both actors known:
--   level 'code': (source_code, target_code); level 'country': (coalesce(source_country,
--   source_code), coalesce(target_country, target_code)), as steppe.store.queries.dyads pairs them.
--   mentions, mentions_dated (date with a known year), mentions_goldstein (their sum of Goldstein
--   scores) count the mentions (rows of events); events, events_dated, events_goldstein the
--   deduplicated events (rows of event_groups, by their first report).
-- The writer adds each batch's changes (steppe/store/groups.py); the rows stored before this version
-- are counted by the store's migration step.

CREATE TABLE dyad_counts (
    level              VARCHAR NOT NULL,
    source             VARCHAR NOT NULL,
    target             VARCHAR NOT NULL,
    mentions           BIGINT NOT NULL,
    mentions_dated     BIGINT NOT NULL,
    mentions_goldstein DOUBLE NOT NULL,
    events             BIGINT NOT NULL,
    events_dated       BIGINT NOT NULL,
    events_goldstein   DOUBLE NOT NULL,
    PRIMARY KEY (level, source, target)
);
