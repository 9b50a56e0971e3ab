-- Events carry whether they are background and every sentence that reports them (schema
-- extensions `background` and `mentions`: a JSON list of {sentence_index, evidence_start,
-- evidence_end, trigger, fatal}); whether the trigger is the sentence's main clause (`main_clause`).
ALTER TABLE events ADD COLUMN background BOOLEAN;
ALTER TABLE events ADD COLUMN mentions VARCHAR;
ALTER TABLE events ADD COLUMN main_clause BOOLEAN;
