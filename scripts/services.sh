#!/usr/bin/env bash
# Starts, stops and reports the two services Remissvar talks to: a single-node
# Elasticsearch (run as a dedicated user: it refuses root) and Redis. Only what
# this script started is stopped; running it twice is safe. `stop` (make stop) first
# stops what `make run` started (web server, worker, scheduler, recorded sites: their PID
# files in var/run/), then Elasticsearch and Redis.
#   scripts/services.sh start|stop|stop-app|status|restart-es|stop-es|start-es
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ES_PID="$VAR_DIR/elasticsearch.pid"
REDIS_PID="$VAR_DIR/redis.pid"
RUN_DIR="$VAR_DIR/run"

es_up() { curl -fsS "http://127.0.0.1:$ES_PORT/_cluster/health" >/dev/null 2>&1; }
redis_up() { redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; }

start_es() {
  if es_up; then log "Elasticsearch svarar redan på :$ES_PORT"; return; fi
  [ -x "$ES_HOME/bin/elasticsearch" ] || die "Elasticsearch saknas i $ES_HOME: kör scripts/setup.sh"
  local java_home; java_home=$(find_java_home) || die "ingen Java 21+ hittades (sätt ES_JAVA_HOME)"
  local runas=()
  if [ "$(id -u)" -eq 0 ]; then
    chown -R "$ES_USER" "$ES_HOME" "$ES_DATA" "$ES_LOGS"
    : > "$ES_PID"; chown "$ES_USER" "$ES_PID"
    runas=(runuser -u "$ES_USER" --)
  fi
  log "startar Elasticsearch $ES_VERSION (Java: $java_home)"
  # a session of its own (as Redis's --daemonize makes): the node outlives the shell, terminal or
  # job that started it - without it, a closed terminal or an ended job's process group took it down
  setsid "${runas[@]}" env ES_JAVA_HOME="$java_home" ES_PATH_CONF="$ES_HOME/config" \
      "$ES_HOME/bin/elasticsearch" -d -p "$ES_PID" >"$LOG_DIR/es-start.log" 2>&1 \
      || { cat "$LOG_DIR/es-start.log" >&2; die "Elasticsearch startade inte"; }
  local i
  for i in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$ES_PORT/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null 2>&1; then
      log "Elasticsearch är uppe (gul eller grön)"; return
    fi
    sleep 1
  done
  tail -50 "$ES_LOGS"/*.log >&2 || true
  die "Elasticsearch blev inte gul inom 120 s"
}

stop_es() {
  if [ -s "$ES_PID" ] && kill -0 "$(cat "$ES_PID")" 2>/dev/null; then
    local pid; pid=$(cat "$ES_PID"); log "stoppar Elasticsearch (pid $pid)"
    kill "$pid"; for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$ES_PID"
}

# stop_app: each process `make run` recorded in var/run/*.pid, if that PID is still the
# process it started (its command line is Remissvar's or gunicorn's: a PID reused by
# something else is left alone); TERM, up to 30 s to finish, then KILL
running() {  # alive and not a zombie waiting for its parent
  kill -0 "$1" 2>/dev/null && ! grep -qs '^[0-9]* ([^)]*) Z' "/proc/$1/stat"
}
stop_app() {
  local f pid name cmd
  [ -d "$RUN_DIR" ] || return 0
  for f in "$RUN_DIR"/*.pid; do
    [ -e "$f" ] || continue
    name=$(basename "$f" .pid); pid=$(cat "$f" 2>/dev/null || true)
    if [ -n "$pid" ] && running "$pid"; then
      cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)
      case "$cmd" in
        *remissvar*|*gunicorn*)
          log "stoppar $name (pid $pid)"
          kill "$pid" 2>/dev/null || true
          for _ in $(seq 1 60); do running "$pid" || break; sleep 0.5; done
          kill -9 "$pid" 2>/dev/null || true ;;
        *) log "$name: pid $pid är inte längre Remissvars process, lämnas" ;;
      esac
    fi
    rm -f "$f"
  done
}

start_redis() {
  if redis_up; then log "Redis svarar redan på :$REDIS_PORT"; return; fi
  mkdir -p "$REDIS_DIR"
  log "startar Redis på 127.0.0.1:$REDIS_PORT"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes --pidfile "$REDIS_PID" \
      --dir "$REDIS_DIR" --appendonly yes --appendfsync everysec \
      --logfile "$LOG_DIR/redis.log" || die "Redis startade inte"
  for _ in $(seq 1 30); do redis_up && return; sleep 0.5; done
  die "Redis svarar inte"
}

stop_redis() {
  if [ -s "$REDIS_PID" ] && kill -0 "$(cat "$REDIS_PID")" 2>/dev/null; then
    log "stoppar Redis"; redis-cli -p "$REDIS_PORT" shutdown >/dev/null 2>&1 || kill "$(cat "$REDIS_PID")"
    for _ in $(seq 1 20); do [ -s "$REDIS_PID" ] && kill -0 "$(cat "$REDIS_PID")" 2>/dev/null || break; sleep 0.5; done
  fi
  rm -f "$REDIS_PID"
}

case "${1:-start}" in
  start) start_redis; start_es ;;
  stop) stop_app; stop_es; stop_redis ;;
  stop-app) stop_app ;;
  start-es) start_es ;;
  stop-es) stop_es ;;
  start-redis) start_redis ;;
  stop-redis) stop_redis ;;
  status)
    es_up && echo "elasticsearch: uppe" || echo "elasticsearch: nere"
    redis_up && echo "redis: uppe" || echo "redis: nere" ;;
  *) die "okänt kommando: $1 (start|stop|stop-app|status|start-es|stop-es|start-redis|stop-redis)" ;;
esac
