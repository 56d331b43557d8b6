#!/usr/bin/env bash
# Rebuilds data/sample/book.json: a seeded synthetic book of business (1,200 accounts, 12 reps) on the real Texas
# counties of data/geo (rebuilt by data/build-geodata.sh), from the project's own generator
# (src/Territories.Geo/CountyBook.cs, src/Territories.Domain/Samples/SyntheticBook.cs). The same seed always gives the same file.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run --project src/Territories.Cli -c Release -- generate --counties data/geo/us-counties.geojson --state 48 \
  --accounts 1200 --reps 12 --seed 2027 --out data/sample/book.json
