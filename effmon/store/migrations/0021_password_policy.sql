-- effmon store, schema version 21: the password rules of 等保 2.0 practice and single sign-on
-- only for the accounts meant for it. password_history: each account's earlier password
-- hashes (a new password may not be one of the last password_history). users.sso: whether
-- the single sign-on provider's identity may log in to this account (never by default).
CREATE TABLE password_history (
    username VARCHAR NOT NULL,
    password_hash VARCHAR NOT NULL,
    changed_at TIMESTAMP NOT NULL
);
ALTER TABLE users ADD COLUMN sso BOOLEAN DEFAULT false;
