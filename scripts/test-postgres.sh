#!/usr/bin/env bash
# Runs the Vitest suite (or the files given) against PostgreSQL.
#   npm run test:postgres                                    # a throwaway local server (scripts/postgres-local.sh)
#   npm run test:postgres -- tests/integration/threats.test.ts
#   TEST_DATABASE_URL=postgres://user:pass@host:5432/db npm run test:postgres   # a server of your own
# With a server of your own, the user needs CREATEDB: each run makes a template database and a
# copy per test file (named hub_test_*), and drops them at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

started=""
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  if ! scripts/postgres-local.sh status; then started=1; fi
  TEST_DATABASE_URL="$(scripts/postgres-local.sh start)"
  export TEST_DATABASE_URL
fi
stop_started() {
  if [ -n "$started" ]; then scripts/postgres-local.sh stop; fi
}
trap stop_started EXIT

npx vitest run "$@"
