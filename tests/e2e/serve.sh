#!/bin/sh
# Starts the real app as `npm start` does (build if stale, migrate, seed the demo into an empty
# database, serve) for the Playwright tests, on a throwaway database deleted first so every run
# starts from the demo data. PORT, APP_URL and DEMO_PASSWORD come from playwright.config.ts;
# E2E_DB_DIR is the database directory (default tests/.tmp/e2e; relative to the repository).
#
# Mail stays in the dev mailbox unless E2E_MAIL=resend-local, which keeps RESEND_API_KEY,
# RESEND_BASE_URL and RESEND_WEBHOOK_SECRET, and only with RESEND_BASE_URL on this machine (the
# local Resend-compatible server, tests/support/resend-server-cli.ts): never the real Resend.
set -eu
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
E2E_DIR="${E2E_DB_DIR:-$ROOT/tests/.tmp/e2e}"
rm -rf "$E2E_DIR"
mkdir -p "$E2E_DIR"

# The tests need the demo accounts: never PostgreSQL, never a production deployment (which
# refuses to seed).
unset DATABASE_URL NODE_ENV APP_ENV
if [ "${E2E_MAIL:-}" = "resend-local" ]; then
  case "${RESEND_BASE_URL:-}" in
    http://127.0.0.1:* | http://localhost:*) ;;
    *)
      echo "E2E_MAIL=resend-local needs RESEND_BASE_URL=http://127.0.0.1:<port>, not '${RESEND_BASE_URL:-}'" >&2
      exit 1
      ;;
  esac
  : "${RESEND_API_KEY:?E2E_MAIL=resend-local needs RESEND_API_KEY}"
else
  unset RESEND_API_KEY RESEND_BASE_URL RESEND_WEBHOOK_SECRET
fi

export DATABASE_PATH="$E2E_DIR/app.db"
exec node_modules/.bin/tsx server/start.ts
