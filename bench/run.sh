#!/usr/bin/env bash
# Benchmarks keras4j against ONNX Runtime Java and Deeplearning4j on the same models, weights and inputs,
# on JDK 17 and JDK 25, and writes bench/results.md and bench/results.json.
#
#   bench/run.sh           # every case (about 45 minutes per JDK on 2 cores)
#   bench/run.sh --quick   # a reduced set with short iterations (under 5 minutes on 2 cores)
#
# Environment: KERAS_PYTHON (a Python with Keras 3 / TensorFlow; default /work/venv-keras/bin/python),
# BENCH_PYTHON (a Python with onnx and onnxruntime; default: /work/venv-bench, else a venv made in
# bench/target), JDK17 and JDK25 (Java homes), ENGINES (comma list of keras4j,keras4jScalar,onnxruntime,dl4j;
# with --quick, DL4J runs on JDK 17 only), CASES (a regex over case names).
set -euo pipefail
cd "$(dirname "$0")/.."
QUICK=""
SET=full
if [[ "${1:-}" == "--quick" ]]; then
  QUICK="--quick"
  SET=quick
fi
JDK17="${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}"
JDK25="${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
KERAS_PYTHON="${KERAS_PYTHON:-/work/venv-keras/bin/python}"
ENGINES="${ENGINES:-keras4j,keras4jScalar,onnxruntime,dl4j}"
CASES="${CASES:-.*}"
TARGET=bench/target
MODELS="$TARGET/models-$SET"
mkdir -p "$TARGET"

echo "== build (mvn -Pbench)"
JAVA_HOME="$JDK17" mvn -B -q -Pbench -pl bench -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt
CP="bench/target/classes:$(cat bench/target/classpath.txt)"

if [[ ! -f "$MODELS/manifest.json" || bench/generate.py -nt "$MODELS/manifest.json" ]]; then
  echo "== models, inputs and Keras golden outputs ($MODELS)"
  if [[ -z "${BENCH_PYTHON:-}" ]]; then
    if [[ -x /work/venv-bench/bin/python ]]; then
      BENCH_PYTHON=/work/venv-bench/bin/python
    else
      [[ -x "$TARGET/venv/bin/python" ]] || { python3 -m venv "$TARGET/venv" && "$TARGET/venv/bin/pip" install -q numpy onnx onnxruntime; }
      BENCH_PYTHON="$TARGET/venv/bin/python"
    fi
  fi
  rm -rf "$MODELS"
  "$KERAS_PYTHON" bench/generate.py keras "$MODELS" $QUICK
  "$BENCH_PYTHON" bench/generate.py onnx "$MODELS" 2>&1 | grep -v CleanUnusedInitializers
fi

RUNS=()
for JDK in "$JDK17" "$JDK25"; do
  RUN_ENGINES="$ENGINES"
  if [[ -n "$QUICK" && "$JDK" != "$JDK17" ]]; then
    RUN_ENGINES="$(echo "$ENGINES" | sed 's/,\?dl4j//')"
  fi
  NAME="jdk$("$JDK/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')"
  echo "== $NAME: $("$JDK/bin/java" -version 2>&1 | head -1) (log: $TARGET/jmh-$SET-$NAME.log)"
  "$JDK/bin/java" -cp "$CP" io.keras4j.bench.BenchMain --models "$MODELS" --out "$TARGET/results-$SET-$NAME.json" \
    --engines "$RUN_ENGINES" --cases "$CASES" $QUICK > "$TARGET/jmh-$SET-$NAME.log" 2>&1 || { tail -40 "$TARGET/jmh-$SET-$NAME.log"; exit 1; }
  RUNS+=("$TARGET/results-$SET-$NAME.json")
done

"$JDK17/bin/java" -cp "$CP" io.keras4j.bench.Report bench bench/notes.md "${RUNS[@]}"
echo "== wrote bench/results.md and bench/results.json"
