#!/usr/bin/env bash
# Rebuilds data/sample/book.json: a seeded synthetic book of business (600 accounts, 12 reps) from the project's own
# generator (src/Territories.Domain/Samples/SyntheticBook.cs). The same seed always gives the same file.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run --project src/Territories.Cli -c Release -- generate --accounts 600 --reps 12 --seed 2027 --out data/sample/book.json
