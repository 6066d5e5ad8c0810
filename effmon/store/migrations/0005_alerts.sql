-- effmon store, schema version 5: alerts raised by the anomaly scan, and their history.
-- An alert is one anomaly of one metric (and category or street) in one period; scanning
-- again finds the same alert_id and adds nothing. Its state is its latest event:
-- 新发现 → 已确认 → 处理中 → 已解决, or 误报 from any open state.
CREATE TABLE alerts (
    alert_id VARCHAR PRIMARY KEY,
    metric VARCHAR NOT NULL,
    key VARCHAR,
    period VARCHAR NOT NULL,
    direction VARCHAR NOT NULL,
    value DOUBLE NOT NULL,
    expected DOUBLE NOT NULL,
    score DOUBLE NOT NULL,
    severity VARCHAR NOT NULL,
    detected_at TIMESTAMP NOT NULL
);

CREATE TABLE alert_events (
    alert_id VARCHAR NOT NULL,
    state VARCHAR NOT NULL,
    happened_at TIMESTAMP NOT NULL,
    actor VARCHAR NOT NULL,
    note VARCHAR
);
