-- effmon store, schema version 15: one source for every case measure.
-- case_cube now also holds the imported monthly totals (case_totals) of the months and
-- departments that have no case records, split by channel (网办, 延时服务, the rest with no
-- channel), so 办件量 reads the same on every page and report; and each group's due month
-- (the month its cases were due in; NULL without a time limit), for measures counted over
-- the cases due in a period.
DROP VIEW case_cube_source;
CREATE VIEW case_cube_source AS
WITH detail AS (
    SELECT CAST(date_trunc('month', c.received_at) AS DATE) AS month,
           c.site_id, c.department, c.window_name, c.channel, c.item,
           CASE WHEN c.finished_at IS NULL THEN c.due_at END AS open_due,
           count(*) AS cases,
           count(*) FILTER (WHERE c.promised_days = 0) AS instant_cases,
           count(c.finished_at) AS finished_cases,
           count(*) FILTER (WHERE c.finished_at IS NOT NULL AND c.promised_days > 0)
               AS limited_finished,
           -- early: finished before its due day began (cases with a time limit only)
           count(*) FILTER (WHERE c.promised_days > 0
                            AND c.finished_at < c.due_at - INTERVAL 1 DAY) AS early_cases,
           count(*) FILTER (WHERE c.finished_at >= c.due_at) AS late_cases,
           sum(c.wait_minutes) AS wait_sum,
           count(c.wait_minutes) AS wait_n,
           CAST(date_trunc('month', c.due_at - INTERVAL 1 SECOND) AS DATE) AS due_month
    FROM case_deadlines c
    GROUP BY ALL
), totals AS (
    SELECT t.month, t.site_id, t.department, split.channel,
           sum(split.cases) AS cases
    FROM case_totals t,
         LATERAL (VALUES ('网办', coalesce(t.online_cases, 0)),
                         ('延时服务', coalesce(t.extended_cases, 0)),
                         (NULL, t.cases - coalesce(t.online_cases, 0)
                                - coalesce(t.extended_cases, 0))) split(channel, cases)
    WHERE split.cases > 0
      AND NOT EXISTS (SELECT 1 FROM cases d
                      WHERE d.received_at >= t.month AND d.received_at < t.month + INTERVAL 1 MONTH
                        AND d.department = t.department)
    GROUP BY ALL
)
SELECT month, site_id, department, window_name, channel, item, open_due, cases, instant_cases,
       finished_cases, limited_finished, early_cases, late_cases, wait_sum, wait_n, due_month
FROM detail
UNION ALL
SELECT month, site_id, department, NULL, channel, NULL, NULL, cases, 0, 0, 0, 0, 0, NULL, 0, NULL
FROM totals;

-- Emptied here and refilled when the store opens (effmon.store.connect), after the
-- working-day calendar the due times come from is in place.
ALTER TABLE case_cube ALTER COLUMN channel DROP NOT NULL;
ALTER TABLE case_cube ADD COLUMN due_month DATE;
DELETE FROM case_cube;
