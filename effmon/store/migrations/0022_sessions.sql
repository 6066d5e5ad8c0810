-- effmon store, schema version 22: logins that outlive the browser's connection. A session
-- is referenced by a cookie holding a random id; the store keeps only the id's SHA-256, so a
-- copy of the store cannot be turned into a login. A session ends when revoked (logout, an
-- administrator, the account disabled or its password reset), after its role's idle time
-- or at its role's longest lifetime, whichever comes first.
CREATE TABLE sessions (
    id_hash VARCHAR PRIMARY KEY,      -- SHA-256 (hex) of the id in the browser's cookie
    username VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    last_seen TIMESTAMP NOT NULL,     -- the last page run of the session
    expires_at TIMESTAMP NOT NULL,    -- when it ends without another run, as of the last one
    revoked_at TIMESTAMP,
    revoked_reason VARCHAR,           -- logout, idle, expired, admin, disabled, reset
    client VARCHAR,                   -- the browser's address, as for the audit trail
    user_agent VARCHAR
);
