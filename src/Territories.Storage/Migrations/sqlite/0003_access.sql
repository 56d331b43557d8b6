-- Identity and access: users, their credentials (API keys and browser sessions, stored only as salted hashes), the
-- audit trail of writes, and who created each scenario. Times are Unix milliseconds (UTC).
CREATE TABLE users (
    id               TEXT    PRIMARY KEY,
    name             TEXT    NOT NULL UNIQUE,
    role             TEXT    NOT NULL,
    password_hash    TEXT,
    external_subject TEXT    UNIQUE,
    disabled         INTEGER NOT NULL DEFAULT 0,
    version          INTEGER NOT NULL,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
);

-- kind is 'key' or 'session'; hash = SHA-256(salt || secret). A prefixless key (the configured bootstrap key) is sent
-- without its id and is found by trying the few such rows.
CREATE TABLE credentials (
    id         TEXT    PRIMARY KEY,
    user_id    TEXT    NOT NULL REFERENCES users (id),
    kind       TEXT    NOT NULL,
    name       TEXT,
    salt       TEXT    NOT NULL,
    hash       TEXT    NOT NULL,
    prefixless INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    expires_at INTEGER
);
CREATE INDEX credentials_by_user ON credentials (user_id, kind);

CREATE TABLE audit (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    at        INTEGER NOT NULL,
    user_id   TEXT,
    user_name TEXT,
    method    TEXT    NOT NULL,
    path      TEXT    NOT NULL,
    object_id TEXT,
    version   INTEGER,
    status    INTEGER NOT NULL
);
CREATE INDEX audit_by_time ON audit (at, seq);
CREATE INDEX audit_by_user ON audit (user_id, at, seq);

ALTER TABLE scenarios ADD COLUMN owner_id TEXT;
