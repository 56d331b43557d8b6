-- What a dataset's detail shows besides its counts (reps, accounts by segment and tier, totals) as JSON written with
-- each version, so that reading the detail never parses the whole document. In a table of its own: a column after the
-- document would make SQLite walk the document's overflow pages to reach it. Datasets stored before this migration
-- have none; the service fills it in the first time their detail is read.
CREATE TABLE dataset_overviews (
    dataset_id TEXT NOT NULL PRIMARY KEY REFERENCES datasets (id) ON DELETE CASCADE,
    overview   TEXT
);
