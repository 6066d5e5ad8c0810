-- effmon store, schema version 16: findings computed once per month (effmon.forecast.scan)
-- replace the alerts scanned when a page was viewed. A month's findings are replaced when
-- it is computed again; a finding keeps its identity (metric|key|when|direction) across
-- computations and months (a failure streak is one finding in each month it lasts), and its
-- follow-up state is its latest event, kept apart from the findings so a recomputation
-- keeps it: 新发现 → 已确认 → 处理中 → 已解决, or 误报 from any open state. The events of
-- the alerts stored before carry over: an alert's id is the id of the same finding.
CREATE TABLE findings (
    period VARCHAR NOT NULL,      -- the month computed, 'YYYY-MM'
    finding_id VARCHAR NOT NULL,
    rank INTEGER NOT NULL,        -- 1 is the most pressing of the month
    kind VARCHAR NOT NULL,        -- anomaly, change, streak, hot_issue, rule
    metric VARCHAR NOT NULL,
    measure VARCHAR NOT NULL,     -- the measure whose direction judges it
    key VARCHAR,
    unit VARCHAR,                 -- the unit responsible, where one is
    happened VARCHAR NOT NULL,    -- its day or month; a streak's first month
    direction VARCHAR NOT NULL,   -- of the value: up, down
    value DOUBLE,
    expected DOUBLE,
    score DOUBLE NOT NULL,
    effect DOUBLE,                -- value ÷ expected − 1
    severity VARCHAR NOT NULL,    -- 严重, 一般, 提示
    judgement VARCHAR NOT NULL,   -- 恶化, 异动, 向好
    evidence VARCHAR NOT NULL,    -- JSON: breakdown, merged, causes, …
    computed_at TIMESTAMP NOT NULL,
    PRIMARY KEY (period, finding_id)
);

-- The months computed, with or without findings.
CREATE TABLE finding_months (
    period VARCHAR PRIMARY KEY,
    computed_at TIMESTAMP NOT NULL,
    findings INTEGER NOT NULL
);

ALTER TABLE alert_events RENAME TO finding_events;
ALTER TABLE finding_events RENAME COLUMN alert_id TO finding_id;
DROP TABLE alerts;
