-- effmon store, schema version 19: every write records which area of the data it changed
-- (effmon.store.versions), so that the app forgets only the cached results that read it,
-- in every session and also after a write by another process (the command line).
-- Append-only: concurrent writers never conflict on a counter.
CREATE TABLE data_changes (
    area VARCHAR NOT NULL,
    changed_at TIMESTAMP NOT NULL
);
