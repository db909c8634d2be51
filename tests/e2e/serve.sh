#!/bin/sh
# Starts the real app as `npm start` does (build if stale, migrate, seed the demo into an empty
# database, serve) for the Playwright tests, on a throwaway database deleted first so every run
# starts from the demo data. PORT, APP_URL and DEMO_PASSWORD come from playwright.config.ts.
set -eu
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
E2E_DIR="$ROOT/tests/.tmp/e2e"
rm -rf "$E2E_DIR"
mkdir -p "$E2E_DIR"

# The tests read mail from the dev mailbox and need the demo accounts: never a real provider,
# never PostgreSQL, never a production deployment (which refuses to seed).
unset RESEND_API_KEY DATABASE_URL NODE_ENV APP_ENV

cd "$ROOT"
export DATABASE_PATH="$E2E_DIR/app.db"
exec node_modules/.bin/tsx server/start.ts
