#!/usr/bin/env bash
# The README's test command (`npm test`): every test, against the real services they need.
# Installs the system packages it needs when run as root (a fresh CI machine), starts radosgw through the
# integration tests' global setup (stopped by pid even when tests fail), and ends with `N passed, N failed`.
# Vitest runs inside a private D-Bus session with its own gnome-keyring (the OS keychain the token store uses),
# whose files live in a throwaway folder: a developer's real keyring is never touched.
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

if ! command -v gnome-keyring-daemon >/dev/null 2>&1 || ! command -v dbus-run-session >/dev/null 2>&1 \
  || ! command -v secret-tool >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y gnome-keyring dbus-x11 libsecret-tools; } >&2 \
      || { echo "could not install gnome-keyring" >&2; exit 1; }
  else
    echo "The keychain tests need gnome-keyring: run 'sudo apt-get install -y gnome-keyring dbus-x11 libsecret-tools' once, then npm test again." >&2
    exit 1
  fi
fi

# The UI's end-to-end tests drive Debian's Chromium (playwright-core never downloads a browser).
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; } >&2 \
      || { echo "could not install chromium" >&2; exit 1; }
  else
    echo "The UI tests need Chromium: run 'sudo apt-get install -y chromium' once (or set CHROMIUM_PATH), then npm test again." >&2
    exit 1
  fi
fi

results=$(mktemp -t ferry-vitest-XXXXXX.json)
keyring=$(mktemp -d -t ferry-keyring-XXXXXX)
trap 'rm -f "$results"; rm -rf "$keyring"' EXIT
# gnome-keyring-daemon exits with the D-Bus session; its data and control folders are $keyring, not the user's.
FERRY_TEST_KEYRING_DATA="$keyring" dbus-run-session -- sh -c '
  printf pw | env -u GNOME_KEYRING_CONTROL XDG_DATA_HOME="$FERRY_TEST_KEYRING_DATA" XDG_RUNTIME_DIR="$FERRY_TEST_KEYRING_DATA" \
    gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"' sh npx vitest run --reporter=default --reporter=json --outputFile.json="$results" "$@"
status=$?
node scripts/test-summary.mjs "$results" || status=1
exit $status
