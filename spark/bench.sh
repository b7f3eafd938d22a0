#!/usr/bin/env bash
# Throughput of Spark scoring on local[2] against the keras4j runtime alone on one thread.
# Usage: spark/bench.sh [CASE_DIR [ROWS [BATCH [ROUNDS]]]]   (default: the seed LSTM(64), 480000 rows, batch 64, 8 rounds)
set -euo pipefail
cd "$(dirname "$0")/.."
# Builds this checkout's runtime, importer and spark classes, and lists the other jars they need.
mvn -B -q -Dstyle.color=never -pl spark -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.excludeGroupIds=io.keras4j -Dmdep.outputFile=target/classpath.txt
cp="runtime/target/classes:importer/target/classes:spark/target/classes:spark/target/test-classes:$(cat spark/target/classpath.txt)"
opts=$(sed -n 's:.*<spark.jvm.options>\(.*\)</spark.jvm.options>.*:\1:p' spark/pom.xml)
# The vector module gives keras4j its SIMD kernels (without it the same jar runs plain-Java ones, about 3x slower
# on this LSTM); a demanding user turns it on for the driver and every executor (README, "Throughput").
# KERAS4J_BENCH_JAVA_OPTS adds JVM options (for example -Dkeras4j.scalar=true to measure the plain-Java kernels).
# shellcheck disable=SC2086
exec java $opts --add-modules jdk.incubator.vector ${KERAS4J_BENCH_JAVA_OPTS:-} -Xmx4g -cp "$cp" io.keras4j.spark.ThroughputBench "$@"
