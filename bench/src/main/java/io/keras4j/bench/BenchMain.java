package io.keras4j.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every case of the manifest on every engine, case by case (so peers are measured close together in
 * time), one JMH fork each, with {@code -prof gc}, and writes the medians, p99, allocation per call and the
 * agreement with Keras to a JSON file for {@link Report}.
 *
 * <pre>java -cp ... io.keras4j.bench.BenchMain --models DIR --out FILE.json [--quick] [--engines a,b] [--cases REGEX]</pre>
 */
public final class BenchMain {
    static final List<String> ENGINES = List.of("keras4j", "keras4jScalar", "onnxruntime", "dl4j");
    private static final Map<String, String> CHECK_NAMES = Map.of("keras4j", "keras4j", "keras4jScalar", "keras4j-scalar",
            "onnxruntime", "onnxruntime", "dl4j", "dl4j");

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Path models = Path.of(option(args, "--models", "bench/target/models")).toAbsolutePath();
        Path out = Path.of(option(args, "--out", "bench/target/results.json"));
        boolean quick = List.of(args).contains("--quick");
        List<String> engines = Stream.of(option(args, "--engines", String.join(",", ENGINES)).split(","))
                .filter(e -> !e.isBlank()).toList();
        ObjectMapper json = new ObjectMapper();
        ObjectNode run = json.createObjectNode();
        run.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"));
        run.put("java_home", System.getProperty("java.home"));
        run.put("cpu", Machine.cpu());
        run.put("cores", Runtime.getRuntime().availableProcessors());
        run.put("load_before", Machine.load());
        run.put("started", Instant.now().toString());
        run.put("quick", quick);
        ArrayNode results = run.putArray("results");
        String only = option(args, "--cases", ".*");
        for (BenchCase c : BenchCase.all(models)) {
            if (!c.name().matches(only)) {
                continue;
            }
            for (String engine : engines) {
                ObjectNode r = results.addObject();
                r.put("case", c.name());
                r.put("engine", engine);
                r.put("threads", c.threads());
                r.put("batch", c.batch());
                if (engine.equals("dl4j") && !Dl4jState.supports(c)) {
                    r.put("skipped", "DL4J's layer API has no GRU");
                    continue;
                }
                try {
                    measure(c, engine, models, quick, r);
                } catch (RunnerException | RuntimeException e) {
                    r.put("error", String.valueOf(e.getMessage()));
                }
                Path alloc = models.resolve("check").resolve(CHECK_NAMES.get(engine) + "-alloc_" + c.name() + ".txt");
                if (Files.exists(alloc)) {
                    r.put("alloc_steady_bytes_per_call", Double.parseDouble(Files.readString(alloc).trim()));
                    Files.delete(alloc);
                }
                Path check = models.resolve("check").resolve(CHECK_NAMES.get(engine) + "_" + c.name() + ".txt");
                if (Files.exists(check)) {
                    r.put("max_abs_error", Double.parseDouble(Files.readString(check).trim()));
                    Files.delete(check);
                } else if (!r.has("error")) {
                    r.put("error", "setup did not check the output against Keras");
                }
                json.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), run);
            }
        }
        run.put("load_after", Machine.load());
        run.put("finished", Instant.now().toString());
        json.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), run);
    }

    private static void measure(BenchCase c, String engine, Path models, boolean quick, ObjectNode r) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(RecurrentBench.class.getName() + "\\." + engine + "$")
                .param("c", c.name())
                // The Vector API kernels box every vector until C2 compiles them (seconds on a loaded machine).
                .warmupIterations(quick && !engine.startsWith("keras4j") ? 2 : 5).warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 2 : 5).measurementTime(TimeValue.milliseconds(quick ? 500 : 1000))
                .forks(1)
                .threads(1)
                .addProfiler(GCProfiler.class)
                // ONNX Runtime 1.29's native loader overflows the default 1 MiB thread stack (SIGSEGV) with this classpath.
                .jvmArgsPrepend("-Xms2g", "-Xmx2g", "-Xss8m", "-Dbench.models=" + models)
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> runs = new Runner(options).run();
        if (runs.isEmpty()) {
            throw new IllegalStateException("JMH returned no result (see the log above)");
        }
        RunResult result = runs.iterator().next();
        var stats = result.getPrimaryResult().getStatistics();
        r.put("p50_us", stats.getPercentile(50));
        r.put("p99_us", stats.getPercentile(99));
        r.put("mean_us", stats.getMean());
        r.put("samples", stats.getN());
        for (Map.Entry<String, Result> e : result.getSecondaryResults().entrySet()) {
            if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                r.put("alloc_bytes_per_call", e.getValue().getScore());
            }
        }
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
