#!/usr/bin/env bash
# Node 20 is past its end of life: the code must also type-check against the Node 22 and 24 LTS type definitions
# (APIs that changed or went away show up here first). Each version's @types/node goes into a cache folder outside
# the project, so the project's own lockfile and node_modules stay as they are.
set -euo pipefail
cd "$(dirname "$0")/.."
cache="${FERRY_TYPES_CACHE:-${TMPDIR:-/tmp}/ferry-node-types}"
status=0
for major in 22 24; do
  dir="$cache/node$major"
  if [ ! -d "$dir/node_modules/@types/node" ]; then
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error "@types/node@$major" >/dev/null
  fi
  version=$(node -p "require('$dir/node_modules/@types/node/package.json').version")
  if npx tsc --noEmit -p tsconfig.json --typeRoots "$dir/node_modules/@types"; then
    echo "typecheck against @types/node $version: ok"
  else
    echo "typecheck against @types/node $version: FAILED"
    status=1
  fi
done
exit $status
