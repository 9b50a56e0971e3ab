-- articles.settings_hash: the digest of the settings an article was coded with
-- (steppe.fingerprint.settings_hash); a resumed run re-codes articles whose hash differs.
-- articles.pub_date_precision: day | month | year | unknown, of pub_date as steppe.ingest parsed it.
ALTER TABLE articles ADD COLUMN settings_hash VARCHAR;
ALTER TABLE articles ADD COLUMN pub_date_precision VARCHAR;
