-- Actuals (issues 14 and 15): the visits and sales logged per account, and the planning documents a dataset has in
-- force (its quota plan, its visit policy), one per kind, with the publication seq the quota plan was put in force
-- after (relief applies the publications that came since). Days are ISO dates (yyyy-MM-dd, which sort as text); money
-- in cents; times are Unix milliseconds (UTC).
CREATE TABLE logged_visits (
    id          TEXT    PRIMARY KEY,
    dataset_id  TEXT    NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
    day         TEXT    NOT NULL,
    account_id  TEXT    NOT NULL,
    rep_id      TEXT    NOT NULL,
    outcome     TEXT    NOT NULL,
    sale_cents  BIGINT,
    note        TEXT,
    logged_by   TEXT,
    logged_at   BIGINT  NOT NULL
);
CREATE INDEX logged_visits_by_day ON logged_visits (dataset_id, day);

CREATE TABLE dataset_plans (
    dataset_id   TEXT    NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
    kind         TEXT    NOT NULL,
    request      TEXT    NOT NULL,
    document     TEXT    NOT NULL,
    base_seq     INTEGER NOT NULL,
    put_by       TEXT,
    put_at       BIGINT  NOT NULL,
    PRIMARY KEY (dataset_id, kind)
);
