-- effmon store, schema version 3: monthly case aggregates for the dashboards.
-- Each aggregate table holds the rows of its `*_source` view and is refreshed, month by
-- month, whenever cases are written (effmon.store.writes.refresh_case_aggregates), so a
-- dashboard reads a few hundred thousand groups instead of millions of cases. Waiting-time
-- quantiles do not add up over groups and are read from `cases` itself.

-- One group per month and every dimension a dashboard offers. open_due is the due time of
-- the group's cases that are still open (NULL for finished cases and for cases without a
-- time limit), so "overdue as of a moment" stays answerable for any moment.
CREATE VIEW case_cube_source AS
SELECT CAST(date_trunc('month', c.received_at) AS DATE) AS month,
       c.site_id, c.department, c.window_name, c.channel, c.item,
       CASE WHEN c.finished_at IS NULL THEN c.due_at END AS open_due,
       count(*) AS cases,
       count(*) FILTER (WHERE c.promised_days = 0) AS instant_cases,
       count(c.finished_at) AS finished_cases,
       count(*) FILTER (WHERE c.finished_at IS NOT NULL AND c.promised_days > 0)
           AS limited_finished,
       -- early: finished before its due day began (cases with a time limit only)
       count(*) FILTER (WHERE c.promised_days > 0 AND c.finished_at < c.due_at - INTERVAL 1 DAY)
           AS early_cases,
       count(*) FILTER (WHERE c.finished_at >= c.due_at) AS late_cases,
       sum(c.wait_minutes) AS wait_sum,
       count(c.wait_minutes) AS wait_n
FROM case_deadlines c
GROUP BY ALL;

CREATE TABLE case_cube (
    month DATE NOT NULL, site_id VARCHAR, department VARCHAR NOT NULL, window_name VARCHAR,
    channel VARCHAR NOT NULL, item VARCHAR, open_due TIMESTAMP,
    cases BIGINT NOT NULL, instant_cases BIGINT NOT NULL, finished_cases BIGINT NOT NULL,
    limited_finished BIGINT NOT NULL, early_cases BIGINT NOT NULL, late_cases BIGINT NOT NULL,
    wait_sum DOUBLE, wait_n BIGINT NOT NULL
);

-- Staffed window-hours: the clock hours in which a window received at least one counter case
-- (窗口 or 延时服务), per window and month.
CREATE VIEW window_hours_source AS
SELECT CAST(date_trunc('month', received_at) AS DATE) AS month,
       site_id, department, window_name,
       count(DISTINCT date_trunc('hour', received_at)) AS hours
FROM cases
WHERE window_name IS NOT NULL AND channel IN ('窗口', '延时服务')
GROUP BY ALL;

CREATE TABLE window_hours (
    month DATE NOT NULL, site_id VARCHAR, department VARCHAR NOT NULL,
    window_name VARCHAR NOT NULL, hours BIGINT NOT NULL
);
