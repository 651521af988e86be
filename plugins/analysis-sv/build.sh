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

newest_source=$(find pom.xml build.py full_forms.py hunspell_dic.py wheels.py build.sh words src/main -type f -newer "$zip" 2>/dev/null | head -1 || true)
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
# ANALYSIS_SV_COMPILER=ecj: the runtime path even where a JDK is found (to check it)
if [ "${ANALYSIS_SV_COMPILER:-}" = ecj ]; then runtime="${runtime:-$jdk}"; jdk=""; fi
if [ -n "$jdk" ]; then
  export JAVA_HOME="$jdk"
  "$PYTHON" build.py resources "$@" >&2
  mvn -q -B -ntp package -DskipTests >&2
elif [ -n "$runtime" ]; then
  # no javac >= 21: the Eclipse compiler (Maven Central) on the runtime, against its own library
  export JAVA_HOME="$runtime"
  ECJ=org.eclipse.jdt:ecj:3.40.0
  mvn -q -B -ntp dependency:get -Dartifact=$ECJ -Dtransitive=false >&2
  mvn -q -B -ntp dependency:build-classpath -Dmdep.outputFile=target/provided.classpath -Dmdep.includeScope=provided >&2
  "$PYTHON" build.py resources "$@" >&2
  rm -rf target/classes && mkdir -p target/classes
  "$JAVA_HOME/bin/java" -jar "$HOME/.m2/repository/org/eclipse/jdt/ecj/3.40.0/ecj-3.40.0.jar" -21 -encoding UTF-8 \
      -nowarn -cp "$(cat target/provided.classpath)" -d target/classes \
      $(find src/main/java -name '*.java') >&2
  "$PYTHON" build.py jar >&2
else
  echo "analysis-sv: ingen Java 17+ hittades för bygget (sätt JAVA_HOME)" >&2; exit 1
fi
"$PYTHON" build.py zip >/dev/null
echo "$HERE/$zip"
