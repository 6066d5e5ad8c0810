-- effmon store, schema version 20: a tamper-evident audit trail. Each entry is sealed with
-- its place in the chain (seq, from 1) and the SHA-256 of its content and the previous
-- entry's hash (effmon.store.audit), so an edited, inserted or deleted entry breaks the chain
-- that `effmon audit verify` checks. client: where the action came from (the browser's
-- address in the app; on the command line the actor names the operating-system user).
ALTER TABLE audit_log ADD COLUMN client VARCHAR;
ALTER TABLE audit_log ADD COLUMN seq BIGINT;
ALTER TABLE audit_log ADD COLUMN hash VARCHAR;
