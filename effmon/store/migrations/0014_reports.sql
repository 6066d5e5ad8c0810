-- effmon store, schema version 14: the reports generated from the app or the command line,
-- kept so the report centre can list and download the latest ones.
CREATE SEQUENCE report_ids;
CREATE TABLE reports (
    report_id INTEGER PRIMARY KEY DEFAULT nextval('report_ids'),
    kind VARCHAR NOT NULL,
    period VARCHAR NOT NULL,
    subject VARCHAR NOT NULL,  -- the unit or ticket it is about; empty for the district
    generated_by VARCHAR NOT NULL,
    generated_at TIMESTAMP NOT NULL,
    pages INTEGER NOT NULL,
    seconds DOUBLE NOT NULL,
    pdf BLOB NOT NULL
);
