-- effmon store, schema version 1.
-- Every data table records where each row came from: source_file, batch_id, loaded_at.

CREATE SEQUENCE batch_seq START 1;

CREATE TABLE store_meta (key VARCHAR PRIMARY KEY, value VARCHAR);

CREATE TABLE load_batches (
    batch_id INTEGER PRIMARY KEY,
    kind VARCHAR NOT NULL,
    source_file VARCHAR NOT NULL,
    file_sha256 VARCHAR,
    loaded_at TIMESTAMP NOT NULL,
    mode VARCHAR NOT NULL,
    rows_read INTEGER NOT NULL,
    rows_new INTEGER NOT NULL,
    rows_present INTEGER NOT NULL,
    rows_rejected INTEGER NOT NULL,
    rows_skipped INTEGER NOT NULL
);

CREATE TABLE sites (
    site_id VARCHAR NOT NULL, name VARCHAR NOT NULL, level VARCHAR NOT NULL,
    street VARCHAR NOT NULL, community VARCHAR, address VARCHAR,
    source_file VARCHAR, batch_id INTEGER, loaded_at TIMESTAMP
);

CREATE TABLE departments (
    department VARCHAR NOT NULL, code VARCHAR,
    source_file VARCHAR, batch_id INTEGER, loaded_at TIMESTAMP
);

CREATE TABLE windows (
    window_name VARCHAR NOT NULL, site_id VARCHAR, department VARCHAR,
    source_file VARCHAR, batch_id INTEGER, loaded_at TIMESTAMP
);

CREATE TABLE service_items (
    item VARCHAR NOT NULL, department VARCHAR, promised_days INTEGER, is_instant BOOLEAN,
    source_file VARCHAR, batch_id INTEGER, loaded_at TIMESTAMP
);

CREATE TABLE cases (
    case_id VARCHAR NOT NULL, item VARCHAR, department VARCHAR NOT NULL, site_id VARCHAR,
    window_name VARCHAR, channel VARCHAR NOT NULL, received_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP, promised_days INTEGER, wait_minutes DOUBLE, status VARCHAR,
    staff VARCHAR,
    source_file VARCHAR, batch_id INTEGER, loaded_at TIMESTAMP
);

-- Monthly totals from systems that export only aggregates.
CREATE TABLE case_totals (
    month DATE NOT NULL, department VARCHAR NOT NULL, site_id VARCHAR,
    cases BIGINT NOT NULL, online_cases BIGINT, extended_cases BIGINT,
    source_file VARCHAR, batch_id INTEGER, loaded_at TIMESTAMP
);

CREATE TABLE evaluations (
    evaluation_id VARCHAR NOT NULL, evaluated_at TIMESTAMP NOT NULL, site_id VARCHAR,
    department VARCHAR, window_name VARCHAR, staff VARCHAR, channel VARCHAR,
    level INTEGER NOT NULL, comment VARCHAR, case_id VARCHAR,
    followup_state VARCHAR, rectified_at TIMESTAMP,
    source_file VARCHAR, batch_id INTEGER, loaded_at TIMESTAMP
);

CREATE TABLE complaints (
    ticket_id VARCHAR NOT NULL, source VARCHAR, complainant VARCHAR, title VARCHAR,
    body VARCHAR, received_at TIMESTAMP NOT NULL, category VARCHAR, department VARCHAR,
    site_id VARCHAR, street VARCHAR, likes BIGINT, dislikes BIGINT, reply_text VARCHAR,
    replied_at TIMESTAMP, closed_at TIMESTAMP, result VARCHAR, satisfaction VARCHAR,
    source_file VARCHAR, batch_id INTEGER, loaded_at TIMESTAMP
);

-- Workflow of a complaint: 受理 → 核查 → 督办 → 处理 → 回访 → 办结 (plus 退回/重办).
CREATE TABLE complaint_events (
    ticket_id VARCHAR NOT NULL, state VARCHAR NOT NULL, happened_at TIMESTAMP NOT NULL,
    due_at TIMESTAMP, actor VARCHAR, note VARCHAR,
    source_file VARCHAR, batch_id INTEGER, loaded_at TIMESTAMP
);

-- Inspection checklist from the procurement seed; kept as data.
CREATE TABLE indicators (
    indicator_id VARCHAR NOT NULL, name VARCHAR NOT NULL, description VARCHAR,
    method VARCHAR, frequency VARCHAR NOT NULL, site_levels VARCHAR NOT NULL,
    source_file VARCHAR, batch_id INTEGER, loaded_at TIMESTAMP
);

CREATE TABLE inspections (
    visit_date DATE NOT NULL, site_id VARCHAR NOT NULL, indicator_id VARCHAR NOT NULL,
    inspector VARCHAR, result VARCHAR NOT NULL, finding VARCHAR, rectify_by DATE,
    rectify_state VARCHAR,
    source_file VARCHAR, batch_id INTEGER, loaded_at TIMESTAMP
);

CREATE TABLE attendance (
    staff_name VARCHAR NOT NULL, staff_id VARCHAR, department VARCHAR, site_id VARCHAR,
    window_name VARCHAR, check_date DATE NOT NULL, slot VARCHAR NOT NULL, checked_at TIMESTAMP,
    status VARCHAR NOT NULL,
    source_file VARCHAR, batch_id INTEGER, loaded_at TIMESTAMP
);

CREATE TABLE benchmarks (
    region VARCHAR NOT NULL, indicator VARCHAR NOT NULL, period VARCHAR NOT NULL,
    value DOUBLE NOT NULL, unit VARCHAR, note VARCHAR,
    source_file VARCHAR, batch_id INTEGER, loaded_at TIMESTAMP
);
