package io.keras4j.spark;

import io.keras4j.importer.CaseFolder;
import io.keras4j.importer.ModelImporter;
import io.keras4j.runtime.Model;
import io.keras4j.runtime.Tensor;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Rows per second for one model: the keras4j runtime alone on one thread (batches of {@code batch} rows, tensors
 * built beforehand) against {@link Keras4jScoring#score} on {@code local[2]} (a cached DataFrame in 8 partitions,
 * scored and summed), with the runtime alone on two plain threads (half the batches each) as what the machine's
 * two cores give at best. The three alternate round by round, so both see the same load on a shared machine; the
 * figures are medians over the rounds after the first (warm-up) one. Besides wall-clock rates it prints rows per
 * CPU-second of the whole JVM (Spark's own threads and GC included), which other processes on a busy machine
 * do not distort: local[2] on two free cores can reach at most twice Spark's rows per CPU-second. Each round also times
 * a query that only reads the input (sums the sequence lengths), to split Spark's CPU per row into reading the rows,
 * the model and the rest (scoring's own work: reading arrays, building output rows). Not a test: run it with
 * {@code spark/bench.sh}. Arguments: case folder (default the seed LSTM(64)), rows (default 480000: Spark's fixed
 * cost per query, planning on the driver and the JIT compiling Spark's code, measured 0.3 to 0.7 CPU-second here
 * under load, under a tenth of scoring 480000 rows but a fifth to two fifths of 120000), batch size (default 64),
 * rounds (default 8).
 */
public final class ThroughputBench {
    private ThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "testdata/cases/seed_lstm64_keras");
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 480_000;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        CaseFolder c = CaseFolder.open(dir);
        String modelFile = c.model().toAbsolutePath().toString();
        Model model = ModelImporter.load(c.model());
        Tensor windows = c.inputs().get(0);
        int distinct = windows.dim(0);
        float[][][] seeds = new float[distinct][][];
        for (int w = 0; w < distinct; w++) {
            seeds[w] = SparkTesting.sequence(windows, w);
        }
        // Row r holds window r % distinct of the case's inputs, for the runtime and for Spark alike.
        List<Tensor> batches = new ArrayList<>();
        for (int from = 0; from < rows; from += batch) {
            float[][][] b = new float[Math.min(rows, from + batch) - from][][];
            for (int r = 0; r < b.length; r++) {
                b[r] = seeds[(from + r) % distinct];
            }
            batches.add(Tensor.of(b));
        }
        System.out.printf("model %s, %d rows of %d x %d, batch %d, %d rounds (1 warm-up), %d cores, Java %s, Spark %s,"
                        + " keras4j kernels %s, load average %s%n", dir.getFileName(), rows, seeds[0].length, seeds[0][0].length, batch,
                rounds, Runtime.getRuntime().availableProcessors(), Runtime.version(),
                org.apache.spark.package$.MODULE$.SPARK_VERSION(), io.keras4j.runtime.math.Kernels.get().name(), loadAverage());

        SparkSession spark = SparkTesting.session();
        try {
            // Built by Spark from the distinct windows and cached: the rows live only in Spark's in-memory columnar cache,
            // and the plan holds the distinct windows, not every row. (A plan holding every row, as createDataFrame(list)
            // gives, has the driver walk and hash all of them for every query: a profile showed it, and it is no part
            // of scoring.)
            List<Row> list = new ArrayList<>(distinct);
            for (int w = 0; w < distinct; w++) {
                list.add(RowFactory.create(w, seeds[w]));
            }
            Dataset<Row> seedRows = spark.createDataFrame(list, new StructType().add("w", DataTypes.IntegerType)
                    .add("x", SparkTesting.SEQUENCE));
            Dataset<Row> input = spark.range(0, rows, 1, 8)
                    .join(functions.broadcast(seedRows), functions.expr("id % " + distinct + " = w"))
                    .selectExpr("cast(id as int) as id", "x")
                    .cache();
            input.count();

            double[] single = new double[rounds];
            double[] local2 = new double[rounds];
            double[] ratio = new double[rounds];
            double[] twoThreads = new double[rounds];
            double[] twoThreadsCpu = new double[rounds];
            double[] singleCpu = new double[rounds];
            double[] local2Cpu = new double[rounds];
            double[] readCpu = new double[rounds];
            for (int k = 0; k < rounds; k++) {
                long t0 = System.nanoTime();
                long c0 = cpuNanos();
                float sink = 0;
                for (Tensor b : batches) {
                    sink += model.predict(b).get(0, 0);
                }
                single[k] = rows / ((System.nanoTime() - t0) / 1e9);
                singleCpu[k] = rows / ((cpuNanos() - c0) / 1e9);
                c0 = cpuNanos();
                twoThreads[k] = rows / (twoThreads(model, batches) / 1e9);
                twoThreadsCpu[k] = rows / ((cpuNanos() - c0) / 1e9);
                t0 = System.nanoTime();
                c0 = cpuNanos();
                Object sum = Keras4jScoring.score(input, modelFile, new String[] {"x"}, new String[] {"y"}, batch)
                        .selectExpr("sum(y[0])").first().get(0);
                local2[k] = rows / ((System.nanoTime() - t0) / 1e9);
                local2Cpu[k] = rows / ((cpuNanos() - c0) / 1e9);
                ratio[k] = local2[k] / single[k];
                c0 = cpuNanos();
                Object steps = input.selectExpr("sum(size(x))").first().get(0);
                readCpu[k] = rows / ((cpuNanos() - c0) / 1e9);
                System.out.printf("  round %d: runtime 1 thread %.0f rows/s (%.0f per CPU-s), 2 threads %.0f rows/s (%.0f per CPU-s),"
                        + " Spark local[2] %.0f rows/s (%.0f per CPU-s), %.2fx; Spark reading alone %.0f rows per CPU-s"
                        + " (%s, %s, %s)%n", k, single[k], singleCpu[k], twoThreads[k], twoThreadsCpu[k], local2[k], local2Cpu[k],
                        ratio[k], readCpu[k], sink, sum, steps);
            }
            double s = median(single);
            double l = median(local2);
            System.out.printf("runtime alone, 1 thread: %.0f rows/s; %.0f rows per CPU-second%n", s, median(singleCpu));
            System.out.printf("runtime alone, 2 threads: %.0f rows/s, %.2fx one thread (what this machine's cores give now);"
                    + " %.0f rows per CPU-second%n", median(twoThreads), median(twoThreads) / s, median(twoThreadsCpu));
            System.out.printf("Spark local[2]: %.0f rows/s = %.0f rows/s per core; %.2fx the single-thread runtime"
                    + " (median of per-round ratios)%n", l, l / 2, median(ratio));
            System.out.printf("Spark local[2]: %.0f rows per CPU-second, %.2f of the runtime's (at most %.2fx the"
                    + " single-thread runtime on two free cores)%n", median(local2Cpu), median(local2Cpu) / median(singleCpu),
                    2 * median(local2Cpu) / median(singleCpu));
            double modelUs = 1e6 / median(singleCpu);
            double sparkUs = 1e6 / median(local2Cpu);
            double readUs = 1e6 / median(readCpu);
            System.out.printf("CPU per row: runtime %.2f us; Spark scoring %.2f us, of which Spark reading the input alone"
                    + " (a query summing the sequence lengths) %.2f us; the rest beyond the model %.2f us%n",
                    modelUs, sparkUs, readUs, sparkUs - modelUs - readUs);
            System.out.printf("load average after: %s%n", loadAverage());
        } finally {
            spark.stop();
        }
    }

    /** Nanoseconds for two threads to predict half of {@code batches} each. */
    private static long twoThreads(Model model, List<Tensor> batches) throws InterruptedException {
        Thread[] threads = new Thread[2];
        for (int i = 0; i < threads.length; i++) {
            List<Tensor> half = batches.subList(i * batches.size() / 2, (i + 1) * batches.size() / 2);
            threads[i] = new Thread(() -> half.forEach(model::predict));
        }
        long t0 = System.nanoTime();
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        return System.nanoTime() - t0;
    }

    /** The median of the rounds after the first. */
    private static double median(double[] values) {
        double[] measured = Arrays.copyOfRange(values, 1, values.length);
        Arrays.sort(measured);
        int n = measured.length;
        return n % 2 == 1 ? measured[n / 2] : (measured[n / 2 - 1] + measured[n / 2]) / 2;
    }

    /** CPU time of this JVM, all threads. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String loadAverage() throws Exception {
        Path p = Path.of("/proc/loadavg");
        return Files.exists(p) ? String.join(" ", Arrays.copyOf(Files.readString(p).trim().split(" "), 3)) : "unknown";
    }
}
