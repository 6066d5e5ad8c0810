-- effmon store, schema version 10: raw clock-in punches from DingTalk-style exports. Loading
-- them derives the key-time attendance records (table attendance, source 'punches'): for
-- every person and working day of the file, each key time slot is 在岗, 迟到, 早退 or 缺岗.
CREATE TABLE punches (
    staff_name VARCHAR NOT NULL,
    staff_id VARCHAR,
    department VARCHAR,
    site_id VARCHAR,
    window_name VARCHAR,
    punched_at TIMESTAMP NOT NULL,
    source_file VARCHAR, batch_id INTEGER, loaded_at TIMESTAMP
);
