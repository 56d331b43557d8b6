-- What a dataset's detail shows besides its counts (reps, accounts by segment and tier, totals) as JSON written with
-- each version, so that reading the detail never parses the whole document. Datasets stored before this migration
-- have none; the service fills it in the first time their detail is read.
ALTER TABLE datasets ADD COLUMN overview TEXT;
