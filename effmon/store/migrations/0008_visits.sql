-- effmon store, schema version 8: inspection visits recorded in the app (巡查录入), the
-- history of every change to a saved visit and to the indicator catalog, and the monthly
-- inspection plan per site level. Nothing is deleted: a change keeps the values it replaced.
CREATE TABLE visits (
    visit_id VARCHAR PRIMARY KEY,
    site_id VARCHAR NOT NULL,
    visit_date DATE NOT NULL,
    inspector VARCHAR NOT NULL,
    person_days DOUBLE NOT NULL,
    saved_at TIMESTAMP NOT NULL,
    source_file VARCHAR, batch_id INTEGER, loaded_at TIMESTAMP
);

ALTER TABLE inspections ADD COLUMN visit_id VARCHAR;

CREATE TABLE inspection_changes (
    visit_id VARCHAR,
    site_id VARCHAR NOT NULL,
    indicator_id VARCHAR NOT NULL,
    visit_date DATE NOT NULL,
    changed_at TIMESTAMP NOT NULL,
    actor VARCHAR NOT NULL,
    reason VARCHAR,
    before_result VARCHAR,
    before_finding VARCHAR,
    before_rectify_by DATE,
    before_rectify_state VARCHAR
);

CREATE TABLE indicator_changes (
    indicator_id VARCHAR NOT NULL,
    changed_at TIMESTAMP NOT NULL,
    actor VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    before_json VARCHAR,
    after_json VARCHAR NOT NULL
);

CREATE TABLE inspection_plan (
    level VARCHAR PRIMARY KEY,
    sites INTEGER NOT NULL,
    indicators INTEGER NOT NULL,
    person_days DOUBLE NOT NULL
);
INSERT INTO inspection_plan VALUES
    ('区级大厅', 3, 29, 37),
    ('街道综合便民服务中心', 15, 29, 25),
    ('社区便民服务室', 66, 29, 33),
    ('智能自助政务服务点位', 44, 29, 22);
