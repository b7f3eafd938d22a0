package io.keras4j.spark;

import io.keras4j.runtime.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** A small local Spark session and conversions between tensors and column values, for tests. */
final class SparkTesting {
    private SparkTesting() {
    }

    /** A {@code local[2]} session without UI and with few shuffle partitions. */
    static SparkSession session() {
        return SparkSession.builder()
                .master("local[2]")
                .appName("keras4j-spark-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
    }

    /** A DataFrame of {@code rows} in {@code partitions} partitions, without a shuffle. */
    static Dataset<Row> frame(SparkSession spark, List<Row> rows, StructType schema, int partitions) {
        return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, partitions), schema);
    }

    /** A golden case folder under {@code testdata/cases}. */
    static Path caseDir(String name) {
        String p = System.getProperty("keras4j.testdata");
        Path dir = (p != null ? Path.of(p) : Path.of("..", "testdata")).resolve("cases").resolve(name);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("missing golden case " + dir.toAbsolutePath());
        }
        return dir;
    }

    /** Row {@code r} of a {@code (batch, time, features)} tensor as an {@code array<array<float>>} value. */
    static float[][] sequence(Tensor x, int r) {
        float[][] steps = new float[x.dim(1)][x.dim(2)];
        for (int t = 0; t < steps.length; t++) {
            for (int f = 0; f < steps[t].length; f++) {
                steps[t][f] = x.get(r, t, f);
            }
        }
        return steps;
    }

    /** A {@code (1, time, features)} tensor of timesteps {@code from} (inclusive) to {@code to} of row {@code r}. */
    static Tensor chunk(Tensor x, int r, int from, int to) {
        int f = x.dim(2);
        float[] data = new float[(to - from) * f];
        for (int t = from; t < to; t++) {
            for (int k = 0; k < f; k++) {
                data[(t - from) * f + k] = x.get(r, t, k);
            }
        }
        return Tensor.of(data, 1, to - from, f);
    }

    /** A column value ({@code array<float>} or {@code array<array<float>>}) flattened row-major. */
    static float[] flat(Row row, String column) {
        List<Float> out = new ArrayList<>();
        for (Object v : row.getList(row.fieldIndex(column))) {
            if (v instanceof scala.collection.Seq<?> inner) {
                for (int i = 0; i < inner.length(); i++) {
                    out.add((Float) inner.apply(i));
                }
            } else {
                out.add((Float) v);
            }
        }
        float[] a = new float[out.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = out.get(i);
        }
        return a;
    }

    /** Row {@code r} of a tensor, flattened. */
    static float[] flat(Tensor t, int r) {
        float[] all = t.toArray();
        int per = all.length / t.dim(0);
        float[] a = new float[per];
        System.arraycopy(all, r * per, a, 0, per);
        return a;
    }
}
