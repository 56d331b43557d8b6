-- Datasets (books of business), scenarios on them, and durable solve runs. Times are Unix milliseconds (UTC).
CREATE TABLE datasets (
    id            TEXT    PRIMARY KEY,
    name          TEXT    NOT NULL,
    version       INTEGER NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    rep_count     INTEGER NOT NULL,
    account_count INTEGER NOT NULL,
    unit_count    INTEGER NOT NULL,
    document      TEXT    NOT NULL
);

CREATE TABLE scenarios (
    id         TEXT    PRIMARY KEY,
    dataset_id TEXT    NOT NULL REFERENCES datasets (id),
    name       TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    document   TEXT    NOT NULL
);
CREATE INDEX scenarios_by_dataset ON scenarios (dataset_id);

-- A run keeps the problem it was submitted with, so later edits to its scenario or dataset never change it.
CREATE TABLE runs (
    seq              INTEGER PRIMARY KEY AUTOINCREMENT,
    id               TEXT    NOT NULL UNIQUE,
    scenario_id      TEXT    NOT NULL,
    state            TEXT    NOT NULL,
    idempotency_key  TEXT,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    started_at       INTEGER,
    finished_at      INTEGER,
    lease_owner      TEXT,
    lease_expires_at INTEGER,
    cancel_requested INTEGER NOT NULL DEFAULT 0,
    attempts         INTEGER NOT NULL DEFAULT 0,
    solved_by        TEXT,
    best_objective   REAL,
    bound            REAL,
    gap              REAL,
    elapsed_seconds  REAL,
    solutions        INTEGER NOT NULL DEFAULT 0,
    problem          TEXT    NOT NULL,
    plan             TEXT,
    error            TEXT
);
CREATE UNIQUE INDEX runs_by_idempotency_key ON runs (scenario_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX runs_to_claim ON runs (state, seq);
CREATE INDEX runs_by_scenario ON runs (scenario_id, seq);
