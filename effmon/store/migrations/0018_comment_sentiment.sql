-- effmon store, schema version 18: comment sentiment is scored once, when evaluations are
-- loaded (or the demo is built), and stored; reports and pages read it and never score.
-- A newly trained sentiment model scores every comment again. NULL: no comment, or not
-- scored yet (a store from before this version: `effmon sentiment rescore` fills it, and
-- so does the next load of evaluations).
ALTER TABLE evaluations ADD COLUMN comment_sentiment DOUBLE;  -- 0-1, positive probability
ALTER TABLE evaluations ADD COLUMN aspect_sentiment DOUBLE;   -- mean over its aspect mentions

-- The service aspects each distinct comment mentions (effmon.text.aspects), with the
-- sentiment of the clause that mentions it.
CREATE TABLE comment_aspects (
    comment VARCHAR NOT NULL,
    aspect VARCHAR NOT NULL,
    clause VARCHAR NOT NULL,
    sentiment DOUBLE NOT NULL,
    scored_at TIMESTAMP NOT NULL
);
