-- effmon store, schema version 6: threshold rules an administrator adds on top of the
-- anomaly scan (e.g. 差评率 > 1%). A rule is never deleted: it is switched off.
CREATE SEQUENCE rule_seq START 1;

CREATE TABLE alert_rules (
    rule_id INTEGER PRIMARY KEY,
    metric VARCHAR NOT NULL,
    op VARCHAR NOT NULL,          -- '>' or '<'
    threshold DOUBLE NOT NULL,    -- shares as fractions (0.01 = 1%)
    created_by VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    active BOOLEAN NOT NULL
);
