#!/usr/bin/env bash
# Installs redis-py from PyPI into a venv of its own (cached), for the tests that use it as a
# Sentinel-aware client, and prints `export REDIS_PY=<its python>`.
set -euo pipefail

REDIS_PY_VERSION=8.1.0
VENV=${PY_CLIENTS_DIR:-$HOME/.cache/replicated-store/pyvenv}

if ! "$VENV/bin/python" -c "import redis, sys; sys.exit(redis.__version__ != '$REDIS_PY_VERSION')" 2>/dev/null; then
  echo "Installing redis-py $REDIS_PY_VERSION into $VENV..." >&2
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "redis==$REDIS_PY_VERSION" >&2
fi
echo "export REDIS_PY=$VENV/bin/python"
