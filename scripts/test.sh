#!/usr/bin/env bash
# The README's test command (`npm test`): every test, against the real services they need.
# Installs the system packages it needs when run as root (a fresh CI machine), starts radosgw through the
# integration tests' global setup (stopped by pid even when tests fail), and ends with `N passed, N failed`.
set -uo pipefail
cd "$(dirname "$0")/.."

if ! command -v radosgw >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    bash scripts/radosgw.sh install >&2 || { echo "could not install radosgw" >&2; exit 1; }
  else
    echo "radosgw (Ceph) is missing: run 'sudo bash scripts/radosgw.sh install' once, then npm test again." >&2
    exit 1
  fi
fi

results=$(mktemp -t ferry-vitest-XXXXXX.json)
trap 'rm -f "$results"' EXIT
npx vitest run --reporter=default --reporter=json --outputFile.json="$results" "$@"
status=$?
node scripts/test-summary.mjs "$results" || status=1
exit $status
