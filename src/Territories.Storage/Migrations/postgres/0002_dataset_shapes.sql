-- Unit shapes of a dataset (GeoJSON FeatureCollection), for maps and adjacency; null when none were given.
ALTER TABLE datasets ADD COLUMN shapes TEXT;
