-- steppe schema, version 1
CREATE TABLE articles (
    article_id   VARCHAR PRIMARY KEY,
    content_hash VARCHAR NOT NULL,
    title        VARCHAR,
    pub_date     VARCHAR,
    url          VARCHAR,
    source       VARCHAR,
    origin       VARCHAR,
    flags        VARCHAR[],
    text         VARCHAR NOT NULL,
    coded_at     TIMESTAMP NOT NULL,
    steppe_version VARCHAR NOT NULL
);

CREATE TABLE sentences (
    article_id     VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    start_char     INTEGER NOT NULL,
    end_char       INTEGER NOT NULL,
    text           VARCHAR NOT NULL,
    PRIMARY KEY (article_id, sentence_index)
);

CREATE TABLE actors (
    actor_id  VARCHAR PRIMARY KEY,
    code      VARCHAR NOT NULL,
    country   VARCHAR,
    sector    VARCHAR,
    name      VARCHAR,
    kind      VARCHAR
);

CREATE TABLE actor_aliases (
    actor_id VARCHAR NOT NULL,
    alias    VARCHAR NOT NULL,
    PRIMARY KEY (actor_id, alias)
);

CREATE TABLE events (
    event_id        VARCHAR PRIMARY KEY,
    article_id      VARCHAR NOT NULL,
    sentence_index  INTEGER NOT NULL,
    evidence        VARCHAR NOT NULL,
    evidence_start  INTEGER NOT NULL,
    evidence_end    INTEGER NOT NULL,
    date            VARCHAR,
    date_precision  VARCHAR NOT NULL,
    date_source     VARCHAR NOT NULL,
    source_text     VARCHAR, source_code VARCHAR, source_country VARCHAR, source_sector VARCHAR,
    source_actor_id VARCHAR, source_name VARCHAR,
    target_text     VARCHAR, target_code VARCHAR, target_country VARCHAR, target_sector VARCHAR,
    target_actor_id VARCHAR, target_name VARCHAR,
    cameo           VARCHAR NOT NULL,
    cameo_root      VARCHAR NOT NULL,
    quad_class      INTEGER NOT NULL,
    goldstein       DOUBLE NOT NULL,
    plover_type     VARCHAR,
    plover_mode     VARCHAR,
    loc_text VARCHAR, loc_name VARCHAR, loc_country VARCHAR, loc_admin1 VARCHAR,
    loc_lat DOUBLE, loc_lon DOUBLE, loc_feature VARCHAR, loc_geonameid BIGINT,
    confidence      DOUBLE NOT NULL,
    trigger         VARCHAR,
    explanation     VARCHAR
);
CREATE INDEX events_article ON events (article_id);
CREATE INDEX events_date ON events (date);

CREATE TABLE places (
    article_id VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    text VARCHAR, name VARCHAR, country VARCHAR, admin1 VARCHAR,
    lat DOUBLE, lon DOUBLE, feature VARCHAR, geonameid BIGINT
);

CREATE TABLE skipped (
    origin     VARCHAR NOT NULL,
    reason     VARCHAR NOT NULL,
    article_id VARCHAR,
    skipped_at TIMESTAMP NOT NULL
);
