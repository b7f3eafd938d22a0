package io.keras4j.bench;

import io.keras4j.runtime.Model;
import io.keras4j.runtime.graph.Graph;
import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.graph.ValueInfo;
import io.keras4j.runtime.io.NativeModel;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.Lstm;
import io.keras4j.runtime.ops.RecurrentOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loading a 100 MB {@code .k4j} file with the runtime alone: read, checksum, rebuild the ops and pack the recurrent
 * weights, ready to predict. The model is one LSTM of 1800 units over 1800 features (25.9 M weights, 103.7 MB),
 * written once in the setup; the file is then in the page cache, as it is for a service that restarts.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp ... org.openjdk.jmh.Main NativeLoadBench</pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx3g"})
public class NativeLoadBench {
    static final int UNITS = 1800;

    /** The model file, written once per fork. */
    @State(Scope.Benchmark)
    public static class File {
        Path path;

        @Setup(Level.Trial)
        public void write() throws IOException {
            SplittableRandom random = new SplittableRandom(1);
            float[] kernel = randoms(random, UNITS * 4 * UNITS);
            float[] recurrent = randoms(random, UNITS * 4 * UNITS);
            float[] bias = randoms(random, 4 * UNITS);
            Lstm lstm = new Lstm(UNITS, UNITS, kernel, recurrent, bias, Activation.of(Activation.Kind.TANH),
                    Activation.of(Activation.Kind.SIGMOID), RecurrentOptions.DEFAULTS);
            Graph graph = new Graph(List.of(new ValueInfo("x", new int[] {-1, -1, UNITS})),
                    List.of(new Node("lstm", lstm, List.of("x"), List.of("y"))), List.of("y"), Map.of("format", "bench"));
            path = Files.createTempFile("keras4j-load-bench", ".k4j");
            NativeModel.write(graph, null, path);
            System.out.printf("%n%s: %.1f MB%n", path, Files.size(path) / 1e6);
        }

        @TearDown(Level.Trial)
        public void delete() throws IOException {
            Files.deleteIfExists(path);
        }

        private static float[] randoms(SplittableRandom random, int n) {
            float[] a = new float[n];
            for (int i = 0; i < n; i++) {
                a[i] = (float) (random.nextDouble() - 0.5);
            }
            return a;
        }
    }

    @Benchmark
    public Model load(File f) throws IOException {
        return NativeModel.load(f.path, false);
    }
}
