-- effmon store, schema version 2: the working-day calendar and case deadlines.
-- The rows of `calendar` come from effmon.workdays when the store is opened.

CREATE TABLE calendar (
    day DATE PRIMARY KEY,
    is_workday BOOLEAN NOT NULL,
    workday_no INTEGER NOT NULL,  -- working days from the calendar's first day up to this day
    source VARCHAR NOT NULL       -- 'official' (chinesecalendar) or 'estimate' (rule-based)
);

-- Every case with its due time: a case received on a working day is due at the end of the
-- promised_days-th working day after it (the same day for 即办件, promised_days = 0); one
-- received on a holiday counts from the next working day. due_at is the end of the due day
-- (exclusive), NULL for a case without a promised time limit.
CREATE VIEW case_deadlines AS
SELECT c.*, CAST(d.day AS TIMESTAMP) + INTERVAL 1 DAY AS due_at
FROM cases c
LEFT JOIN calendar r ON r.day = CAST(c.received_at AS DATE)
LEFT JOIN calendar d ON d.is_workday
    AND d.workday_no = r.workday_no + c.promised_days + CASE WHEN r.is_workday THEN 0 ELSE 1 END;
