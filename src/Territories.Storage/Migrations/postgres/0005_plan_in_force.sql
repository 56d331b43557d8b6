-- The plan in force (contract section 8): each publication of a run's plan as a dataset's assignment from a day on, and
-- the owners it gave, one row per account whose owner changed on that day; before any row, an account's owner is its
-- currentRepId in the dataset. Proposals of a run's plan, the decision of each org unit on them, and the managers of
-- each dataset's org units. Days are ISO dates (yyyy-MM-dd, which sort as text); times are Unix milliseconds (UTC).
CREATE TABLE publications (
    id           TEXT    PRIMARY KEY,
    dataset_id   TEXT    NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    effective    TEXT    NOT NULL,
    run_id       TEXT    NOT NULL,
    proposal_id  TEXT,
    published_by TEXT,
    published_at BIGINT  NOT NULL,
    moved        INTEGER NOT NULL,
    UNIQUE (dataset_id, seq)
);

CREATE TABLE account_owners (
    dataset_id     TEXT NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
    account_id     TEXT NOT NULL,
    valid_from     TEXT NOT NULL,
    rep_id         TEXT NOT NULL,
    previous_rep_id TEXT,
    publication_id TEXT NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
    PRIMARY KEY (dataset_id, account_id, valid_from)
);
CREATE INDEX account_owners_by_day ON account_owners (dataset_id, valid_from);

CREATE TABLE proposals (
    id              TEXT    PRIMARY KEY,
    dataset_id      TEXT    NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
    run_id          TEXT    NOT NULL,
    effective       TEXT    NOT NULL,
    note            TEXT,
    state           TEXT    NOT NULL,
    base_seq        INTEGER NOT NULL,
    units_needed    TEXT    NOT NULL,
    changes         TEXT    NOT NULL,
    created_by      TEXT,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    publication_id  TEXT
);
CREATE INDEX proposals_by_state ON proposals (state, dataset_id);

CREATE TABLE proposal_decisions (
    proposal_id TEXT    NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    unit_id     TEXT    NOT NULL,
    decision    TEXT    NOT NULL,
    user_id     TEXT,
    user_name   TEXT,
    note        TEXT,
    at          BIGINT  NOT NULL,
    PRIMARY KEY (proposal_id, unit_id)
);

CREATE TABLE org_unit_managers (
    dataset_id TEXT NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
    unit_id    TEXT NOT NULL,
    user_id    TEXT NOT NULL REFERENCES users (id),
    PRIMARY KEY (dataset_id, unit_id, user_id)
);
CREATE INDEX org_unit_managers_by_user ON org_unit_managers (user_id);
