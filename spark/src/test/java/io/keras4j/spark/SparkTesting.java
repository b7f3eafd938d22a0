package io.keras4j.spark;

import io.keras4j.runtime.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.function.Executable;

/** A small local Spark session and conversions between tensors and column values, for tests and the benchmark. */
final class SparkTesting {
    /** The column type of sequences: {@code array<array<float>>}, one array of features per timestep. */
    static final DataType SEQUENCE = DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.FloatType, false), false);

    private SparkTesting() {
    }

    /**
     * The {@code local[2]} session of this JVM (without UI, with few shuffle partitions, logging errors only):
     * test classes share it, and Spark's shutdown hook stops it when the JVM exits.
     */
    static synchronized SparkSession session() {
        SparkSession spark = SparkSession.builder()
                .master("local[2]")
                .appName("keras4j-spark-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        return spark;
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

    /** The messages of {@code t} and its causes, one a line. */
    static String causes(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (; t != null; t = t.getCause()) {
            sb.append(t.getMessage()).append('\n');
        }
        return sb.toString();
    }

    /**
     * Whether {@code calls} start a Spark job: they run in a job group of their own, and a marker job after them
     * tells when the listener has seen every earlier job (listener events arrive asynchronously, in order).
     */
    static boolean startsAJob(SparkSession spark, Executable calls) throws Throwable {
        List<String> groups = new CopyOnWriteArrayList<>();
        SparkListener listener = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart jobStart) {
                groups.add(String.valueOf(jobStart.properties().getProperty("spark.jobGroup.id")));
            }
        };
        spark.sparkContext().addSparkListener(listener);
        try {
            spark.sparkContext().setJobGroup("under-test", "calls that must start no job", false);
            calls.execute();
            spark.sparkContext().setJobGroup("marker", "a job after the calls", false);
            spark.range(3).count();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!groups.contains("marker") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            if (!groups.contains("marker")) {
                throw new AssertionError("the marker job was not seen within 30 s");
            }
            return groups.contains("under-test");
        } finally {
            spark.sparkContext().clearJobGroup();
            spark.sparkContext().removeSparkListener(listener);
        }
    }
}
