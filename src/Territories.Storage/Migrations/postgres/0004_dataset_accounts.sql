-- Each dataset's accounts as rows, in the document's order, so that a page of accounts reads only that page; the
-- document stays the dataset's export format. Filters by current rep, segment and tier each have an index.
CREATE TABLE dataset_accounts (
    dataset_id     TEXT    NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
    ordinal        INTEGER NOT NULL,
    current_rep_id TEXT,
    segment        TEXT,
    tier           TEXT,
    account        TEXT    NOT NULL,
    PRIMARY KEY (dataset_id, ordinal)
);
CREATE INDEX dataset_accounts_by_rep ON dataset_accounts (dataset_id, current_rep_id, ordinal);
CREATE INDEX dataset_accounts_by_segment ON dataset_accounts (dataset_id, segment, ordinal);
CREATE INDEX dataset_accounts_by_tier ON dataset_accounts (dataset_id, tier, ordinal);

INSERT INTO dataset_accounts (dataset_id, ordinal, current_rep_id, segment, tier, account)
SELECT d.id, (a.ordinality - 1)::integer, a.value ->> 'currentRepId', a.value ->> 'segment', a.value ->> 'tier', a.value::text
FROM datasets d CROSS JOIN LATERAL json_array_elements(d.document::json -> 'accounts') WITH ORDINALITY AS a (value, ordinality);
