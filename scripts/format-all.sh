#!/usr/bin/env bash
# Once, after the branches of a round are merged: ESLint's safe fixes, then Prettier over the code files, so
# that `npm run lint` and `npm run format:check` (CI) pass. Commit the result on its own, with nothing else in
# it, so `git blame --ignore-rev` can skip it. Afterwards `npm run format` keeps the tree formatted.
set -euo pipefail
cd "$(dirname "$0")/.."
# ESLint first: its fixes (unneeded type assertions dropped) shorten lines, which Prettier then lays out again.
# What it cannot fix is reported by `npm run lint` below.
npx eslint --fix . >/dev/null || true
npx prettier --write . --log-level warn
# Both only remove type-level syntax and move whitespace; the type check confirms the first.
npm run --silent typecheck
npm run --silent format:check
npm run --silent lint
