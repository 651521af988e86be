#!/usr/bin/env bash
# Builds the Swedish analysis plugin's zip and prints its path: the pinned dictionary and the
# word lists (build.py resources), the jar (Maven), the zip (build.py zip). Skips the build when
# the zip is newer than every source. Compiles with javac from a JDK >= 21; where only a Java
# runtime is found, with the Eclipse compiler (ecj, from Maven Central) on that runtime.
#   JAVA_HOME=... bash plugins/analysis-sv/build.sh [--wheel PATH-TO-hunspell_sv.whl]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"
PYTHON="${PYTHON:-python3}"
version=$(grep -m1 -A1 '<artifactId>analysis-sv</artifactId>' pom.xml | sed -n 's:.*<version>\(.*\)</version>.*:\1:p')
zip="target/analysis-sv-$version.zip"

newest_source=$(find pom.xml build.py build.sh words src/main -type f -newer "$zip" 2>/dev/null | head -1 || true)
if [ -s "$zip" ] && [ -z "$newest_source" ]; then
  echo "$HERE/$zip"; exit 0
fi

java_version() { "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }
jdk=""; runtime=""
for d in ${JAVA_HOME:-} /usr/lib/jvm/*; do
  [ -x "$d/bin/java" ] || continue
  v=$(java_version "$d"); [ -n "$v" ] || continue
  if [ "$v" -ge 21 ] && [ -x "$d/bin/javac" ]; then jdk="$d"; break; fi
  [ "$v" -ge 17 ] && [ -z "$runtime" ] && runtime="$d"
done
compiler=(); if [ -n "$jdk" ]; then
  export JAVA_HOME="$jdk"
elif [ -n "$runtime" ]; then
  # ecj compiles the Java 21 sources on a 17+ runtime (no --release: the runtime's own library)
  export JAVA_HOME="$runtime"
  compiler=(-Dcompiler.id=eclipse -Dmaven.compiler.release= -Dmaven.compiler.source=21 -Dmaven.compiler.target=21)
else
  echo "analysis-sv: ingen Java 17+ hittades för bygget (sätt JAVA_HOME)" >&2; exit 1
fi

"$PYTHON" build.py resources "$@" >&2
mvn -q -B -ntp package -DskipTests "${compiler[@]}" >&2
"$PYTHON" build.py zip >/dev/null
echo "$HERE/$zip"
