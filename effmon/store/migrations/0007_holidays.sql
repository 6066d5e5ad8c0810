-- effmon store, schema version 7: official holiday tables uploaded by an administrator.
-- A day's status is that of its latest upload; it overrides chinesecalendar and the
-- rule-based estimate (effmon.workdays), in `calendar` and in every forecast.
CREATE TABLE holidays (
    day DATE NOT NULL,
    day_type VARCHAR NOT NULL,  -- 工作日 or 休息日
    name VARCHAR,
    source_file VARCHAR, batch_id INTEGER, loaded_at TIMESTAMP
);
