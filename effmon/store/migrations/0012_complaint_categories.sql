-- effmon store, schema version 12: where each complaint's category comes from.
-- category_source: 'file' (the loaded file had it), 'model' (the trained classifier gave it,
-- with category_confidence), 'review' (a reviewer set it). file_category keeps a category
-- the file gave in another system's scheme when the classifier replaced it.
ALTER TABLE complaints ADD COLUMN category_source VARCHAR;
ALTER TABLE complaints ADD COLUMN category_confidence DOUBLE;
ALTER TABLE complaints ADD COLUMN file_category VARCHAR;
UPDATE complaints SET category_source = 'file' WHERE category IS NOT NULL;

-- A reviewer's corrections, append-only: the latest per ticket holds, and the next
-- training uses it.
CREATE TABLE category_reviews (
    ticket_id VARCHAR NOT NULL,
    category VARCHAR NOT NULL,
    reviewer VARCHAR,
    reviewed_at TIMESTAMP NOT NULL
);
