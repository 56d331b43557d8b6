-- Datasets (books of business), scenarios on them, and durable solve runs. Times are Unix milliseconds (UTC).
CREATE TABLE datasets (
    id            TEXT    PRIMARY KEY,
    name          TEXT    NOT NULL,
    version       INTEGER NOT NULL,
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL,
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
    created_at BIGINT  NOT NULL,
    updated_at BIGINT  NOT NULL,
    document   TEXT    NOT NULL
);
CREATE INDEX scenarios_by_dataset ON scenarios (dataset_id);

-- A run keeps the problem it was submitted with, so later edits to its scenario or dataset never change it.
CREATE TABLE runs (
    seq              BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id               TEXT    NOT NULL UNIQUE,
    scenario_id      TEXT    NOT NULL,
    state            TEXT    NOT NULL,
    idempotency_key  TEXT,
    created_at       BIGINT  NOT NULL,
    updated_at       BIGINT  NOT NULL,
    started_at       BIGINT,
    finished_at      BIGINT,
    lease_owner      TEXT,
    lease_expires_at BIGINT,
    cancel_requested INTEGER NOT NULL DEFAULT 0,
    attempts         INTEGER NOT NULL DEFAULT 0,
    solved_by        TEXT,
    best_objective   DOUBLE PRECISION,
    bound            DOUBLE PRECISION,
    gap              DOUBLE PRECISION,
    elapsed_seconds  DOUBLE PRECISION,
    solutions        INTEGER NOT NULL DEFAULT 0,
    problem          TEXT    NOT NULL,
    plan             TEXT,
    error            TEXT
);
CREATE UNIQUE INDEX runs_by_idempotency_key ON runs (scenario_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX runs_to_claim ON runs (state, seq);
CREATE INDEX runs_by_scenario ON runs (scenario_id, seq);
