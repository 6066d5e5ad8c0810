-- effmon store, schema version 11: local accounts with their roles, and the audit trail.
-- Passwords are stored only as argon2 hashes. The audit trail is append-only: the app
-- inserts into it and never updates or deletes a row.
CREATE TABLE users (
    username VARCHAR PRIMARY KEY,
    role VARCHAR NOT NULL,            -- 领导, 分析员, 巡查员 or 管理员
    password_hash VARCHAR NOT NULL,
    disabled BOOLEAN NOT NULL DEFAULT false,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE audit_log (
    happened_at TIMESTAMP NOT NULL,
    username VARCHAR,
    action VARCHAR NOT NULL,          -- login, login_failed, load, export, edit, ...
    target VARCHAR,                   -- what it acted on: a file, a table, a record
    detail VARCHAR                    -- JSON: filters, rows, hash, the change
);
