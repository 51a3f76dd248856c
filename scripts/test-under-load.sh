#!/usr/bin/env bash
# The whole suite while another process keeps one core busy: `npm test` must
# still pass when the machine is not idle (two cores in CI, one of them taken).
# Extra arguments go to vitest, e.g. scripts/test-under-load.sh tests/e2e
set -euo pipefail
cd "$(dirname "$0")/.."

node -e 'for (;;) {}' &
busy=$!
trap 'kill "$busy" 2>/dev/null || true' EXIT
echo "== one core kept busy by process $busy; running npm test"

started=$(date +%s)
status=0
npm test -- "$@" || status=$?
echo "== npm test under load: exit $status after $(( $(date +%s) - started )) s"
exit "$status"
