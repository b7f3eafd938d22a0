package io.keras4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.importer.CaseFolder;
import io.keras4j.runtime.Tensor;
import io.keras4j.runtime.io.Npy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The command line: predict, verify, demo, and one-line errors with exit code 2. */
class CliTest {
    private static final Path CASES = Path.of(System.getProperty("keras4j.testdata", "../testdata")).resolve("cases");

    /** Runs the CLI in-process and returns {exit code, stdout, stderr}. */
    static String[] run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void predictWritesKerasOutputs(@TempDir Path tmp) throws Exception {
        Path dir = CASES.resolve("seed_lstm16_h5");
        Path y = tmp.resolve("y.npy");
        String[] r = run("predict", dir.resolve("model.h5").toString(), "--input", dir.resolve("input_0.npy").toString(),
                "--output", y.toString());
        assertEquals("0", r[0], r[2]);
        Tensor got = Npy.read(y);
        Tensor want = Npy.read(dir.resolve("output_0.npy"));
        assertEquals(java.util.Arrays.toString(want.shape()), java.util.Arrays.toString(got.shape()));
        float[] g = got.toArray();
        float[] w = want.toArray();
        for (int i = 0; i < g.length; i++) {
            assertTrue(Math.abs(g[i] - w[i]) <= 1e-5 + 1e-5 * Math.abs(w[i]), "value " + i);
        }
    }

    @Test
    void predictAcceptsFloat64AndIntegerInputs(@TempDir Path tmp) throws Exception {
        Path dir = CASES.resolve("seed_lstm16_keras");
        float[] x = Npy.read(dir.resolve("input_0.npy")).toArray();
        int n = x.length / 10;
        Path x64 = tmp.resolve("x64.npy");
        writeNpy(x64, "<f8", n, x, true);
        Path y = tmp.resolve("y.npy");
        assertEquals("0", run("predict", dir.resolve("model.keras").toString(), "--input", x64.toString(), "--output", y.toString())[0]);
        float[] got = Npy.read(y).toArray();
        float[] want = Npy.read(dir.resolve("output_0.npy")).toArray();
        for (int i = 0; i < got.length; i++) {
            assertTrue(Math.abs(got[i] - want[i]) <= 1e-5 + 1e-5 * Math.abs(want[i]), "value " + i);
        }
        Path xi = tmp.resolve("xi.npy");
        writeNpy(xi, "<i8", n, new float[x.length], false);
        assertEquals("0", run("predict", dir.resolve("model.keras").toString(), "--input", xi.toString(), "--output", y.toString())[0]);
    }

    private static void writeNpy(Path file, String descr, int n, float[] values, boolean asDouble) throws Exception {
        String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + n + ", 10, 1), }";
        StringBuilder h = new StringBuilder(header);
        while ((10 + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        h.append('\n');
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(10 + h.length() + 8 * values.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) h.length());
        b.put(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        for (float v : values) {
            if (asDouble) {
                b.putDouble(v);
            } else {
                b.putLong((long) v);
            }
        }
        Files.write(file, b.array());
    }

    @Test
    void verifyPassesOnAGoldenCase() {
        String[] r = run("verify", CASES.resolve("seed_lstm32_keras").toString());
        assertEquals("0", r[0], r[1] + r[2]);
        assertTrue(r[1].contains("max abs error") && r[1].contains("PASS"), r[1]);
    }

    /** Every golden case (Keras and ONNX, stateful ones call after call) through the command line. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void verifyPassesOnEveryCase(String name) {
        String[] r = run("verify", "--in-process", CASES.resolve(name).toString());
        assertEquals("0", r[0], r[1] + r[2]);
        assertTrue(r[1].contains("PASS"), r[1]);
    }

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(CASES)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    @Test
    void verifyFailsWithExitCode1WhenOutputsDiffer(@TempDir Path tmp) throws Exception {
        Path src = CASES.resolve("seed_lstm16_h5");
        Files.copy(src.resolve("model.h5"), tmp.resolve("model.h5"));
        Files.copy(src.resolve("input_0.npy"), tmp.resolve("input_0.npy"));
        float[] want = Npy.read(src.resolve("output_0.npy")).toArray();
        want[5] += 0.01f;
        Npy.write(tmp.resolve("output_0.npy"), Tensor.of(want, want.length, 1));
        String[] r = run("verify", tmp.toString());
        assertEquals("1", r[0], r[1] + r[2]);
        assertTrue(r[1].contains("1 of " + want.length + " values outside tolerance") && r[1].contains("FAIL"), r[1]);
    }

    @Test
    void verifyReadsCaseJsonAsPythonWritesItAndRefusesABadTolerance(@TempDir Path tmp) throws Exception {
        Path src = CASES.resolve("seed_lstm16_h5");
        for (String f : new String[] {"model.h5", "input_0.npy", "output_0.npy"}) {
            Files.copy(src.resolve(f), tmp.resolve(f));
        }
        Files.writeString(tmp.resolve("case.json"), "{\"float64_check\": {\"max_abs_diff\": NaN}, \"tolerance\": {\"atol\":"
                + " 1e-5, \"rtol\": 1e-5}}");
        String[] r = run("verify", tmp.toString());
        assertEquals("0", r[0], r[1] + r[2]);
        Files.writeString(tmp.resolve("case.json"), "{\"tolerance\": {\"atol\": NaN, \"rtol\": 1e-5}}");
        String[] bad = run("verify", tmp.toString());
        assertEquals("2", bad[0], bad[1] + bad[2]);
        assertTrue(bad[2].contains("case.json: tolerance atol NaN and rtol 1.0E-5 must be finite and not negative"), bad[2]);
    }

    @Test
    void mixedPrecisionModelsNeedTheOptionAndCaseFoldersCarryIt(@TempDir Path tmp) throws Exception {
        Path dir = CASES.resolve("mixedprec_bf16_seq_h5");
        String model = dir.resolve("model.h5").toString();
        String[] refused = run("inspect", model);
        assertEquals("1", refused[0], refused[1] + refused[2]);
        assertTrue(refused[1].contains("option dtype=mixed_bfloat16 is not supported by default")
                && refused[1].contains("--mixed-precision-in-float32"), refused[1]);
        Path y = tmp.resolve("y.npy");
        String[] r = run("predict", "--mixed-precision-in-float32", model, "--input", dir.resolve("input_0.npy").toString(),
                "--output", y.toString());
        assertEquals("0", r[0], r[1] + r[2]);
        assertTrue(CaseFolder.open(dir).compare(0, Npy.read(y)).passed());
        String[] converted = run("convert", model, tmp.resolve("m.k4j").toString(), "--golden", dir.toString());
        assertEquals("0", converted[0], converted[1] + converted[2]);
        for (String f : new String[] {"model.h5", "input_0.npy", "output_0.npy"}) {
            Files.copy(dir.resolve(f), tmp.resolve(f));
        }
        Files.writeString(tmp.resolve("case.json"), "{\"import_options\": {\"mixed_precision_in_float16\": true}}");
        String[] bad = run("verify", tmp.toString());
        assertEquals("2", bad[0], bad[1] + bad[2]);
        assertTrue(bad[2].contains("case.json: import option mixed_precision_in_float16=true is not supported"), bad[2]);
    }

    @Test
    void demoPrintsTheSeedTable() {
        String[] r = run("demo");
        assertEquals("0", r[0], r[1] + r[2]);
        for (String units : new String[] {"16", "32", "64"}) {
            assertTrue(r[1].lines().anyMatch(l -> l.startsWith(units + " ") && l.contains(".h5")), r[1]);
            assertTrue(r[1].lines().anyMatch(l -> l.startsWith(units + " ") && l.contains(".keras")), r[1]);
        }
        assertTrue(r[1].contains("within 1e-5"), r[1]);
    }

    @Test
    void errorsAreOneLineWithExitCode2(@TempDir Path tmp) throws Exception {
        Path bogus = tmp.resolve("bogus.h5");
        Files.writeString(bogus, "nope");
        String[] r = run("predict", bogus.toString(), "--input", "x.npy", "--output", "y.npy");
        assertEquals("2", r[0]);
        assertEquals(1, r[2].strip().lines().count(), r[2]);
        assertTrue(r[2].startsWith("keras4j: " + bogus + ": not a model file"), r[2]);

        String[] missing = run("verify", tmp.resolve("nowhere").toString());
        assertEquals("2", missing[0]);
        assertEquals(1, missing[2].strip().lines().count(), missing[2]);

        String[] verbose = run("predict", bogus.toString(), "--input", "x.npy", "--output", "y.npy", "--verbose");
        assertEquals("2", verbose[0]);
        assertTrue(verbose[2].lines().count() > 1, "--verbose shows the stack");
    }

    @Test
    void wrongInputShapeIsNamed(@TempDir Path tmp) throws Exception {
        Path x = tmp.resolve("x.npy");
        Npy.write(x, Tensor.of(new float[2 * 10 * 2], 2, 10, 2));
        String[] r = run("predict", CASES.resolve("seed_lstm16_h5").resolve("model.h5").toString(), "--input", x.toString(),
                "--output", tmp.resolve("y.npy").toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("expects shape (None, 10, 1) but was given (2, 10, 2)"), r[2]);
    }

    @Test
    void convertWritesAK4jThatPredictVerifyAndInspectRead(@TempDir Path tmp) throws Exception {
        Path dir = CASES.resolve("seed_lstm32_h5");
        Path k4j = tmp.resolve("seed.k4j");
        String[] c = run("convert", dir.resolve("model.h5").toString(), k4j.toString(), "--golden", dir.toString());
        assertEquals("0", c[0], c[1] + c[2]);
        assertTrue(c[1].contains("with test vectors"), c[1]);

        Path y = tmp.resolve("y.npy");
        assertEquals("0", run("predict", k4j.toString(), "--input", dir.resolve("input_0.npy").toString(), "--output", y.toString())[0]);
        float[] got = Npy.read(y).toArray();
        float[] want = Npy.read(dir.resolve("output_0.npy")).toArray();
        for (int i = 0; i < got.length; i++) {
            assertTrue(Math.abs(got[i] - want[i]) <= 1e-5 + 1e-5 * Math.abs(want[i]), "value " + i);
        }
        String[] inspect = run("inspect", k4j.toString());
        assertEquals("0", inspect[0], inspect[2]);
        assertTrue(inspect[1].contains("LSTM") && inspect[1].contains("Dense") && inspect[1].contains("Total params"), inspect[1]);

        String[] again = run("convert", k4j.toString(), tmp.resolve("again.k4j").toString());
        assertEquals("0", again[0], again[2]);
        assertTrue(again[1].contains("with test vectors"), "a .k4j converted again keeps its test vectors: " + again[1]);
    }

    @Test
    void convertRefusesVectorsTheModelDoesNotReproduce(@TempDir Path tmp) {
        Path k4j = tmp.resolve("bad.k4j");
        String[] r = run("convert", CASES.resolve("seed_lstm16_h5").resolve("model.h5").toString(), k4j.toString(),
                "--golden", CASES.resolve("seed_lstm32_h5").toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("does not reproduce the given outputs, nothing written"), r[2]);
        assertTrue(!Files.exists(k4j), "no output file on error");
    }

    @Test
    void inspectSummarisesAKerasModel() {
        String[] r = run("inspect", CASES.resolve("stack2_u16_u8_f3_t10_b2_dense_h5").resolve("model.h5").toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("keras_version: 3.15.1"), r[1]);
        assertTrue(r[1].lines().filter(l -> l.contains(" LSTM ")).count() == 2, r[1]);
    }

    @Test
    void inspectListsEveryUnsupportedLayerOfAModelAtOnce() {
        Path model = CASES.resolveSibling("unsupported").resolve("three_unsupported_layers.keras");
        String[] r = run("inspect", model.toString());
        assertEquals("1", r[0], r[1] + r[2]);
        assertTrue(r[1].contains("cannot run in keras4j: 3 problems"), r[1]);
        assertTrue(r[1].contains("layer 'times_two' (Lambda): layer class Lambda holds Python code"), r[1]);
        assertTrue(r[1].contains("layer 'doubler' (Doubler): layer class Doubler is not supported"), r[1]);
        assertTrue(r[1].contains("layer 'crop' (RandomCrop): layer class RandomCrop is not supported"), r[1]);
        assertEquals(r[1].indexOf("(supported: "), r[1].lastIndexOf("(supported: "), "the supported list once: " + r[1]);
    }

    /** The case's golden outputs come from Keras with different weights in its second LSTM than the saved model's. */
    @Test
    void verifyNamesTheFirstDivergingLayer() {
        String[] r = run("verify", CASES.resolveSibling("diverging").resolve("diverging_second_lstm_h5").toString());
        assertEquals("1", r[0], r[1] + r[2]);
        assertTrue(r[1].contains("first diverging layer: lstm_second: max abs error"), r[1]);
    }

    @Test
    void predictReadsAndWritesCsv(@TempDir Path tmp) throws Exception {
        Path dir = CASES.resolve("seed_lstm16_keras");
        float[] x = Npy.read(dir.resolve("input_0.npy")).toArray();
        StringBuilder csv = new StringBuilder("# one window of 10 values per row\n");
        for (int r = 0; r < 5; r++) {
            for (int t = 0; t < 10; t++) {
                csv.append(t == 0 ? "" : ",").append(x[r * 10 + t]);
            }
            csv.append('\n');
        }
        Path in = tmp.resolve("x.csv");
        Files.writeString(in, csv);
        Path out = tmp.resolve("y.csv");
        String[] r = run("predict", dir.resolve("model.keras").toString(), "--input", in.toString(), "--output", out.toString());
        assertEquals("0", r[0], r[2]);
        java.util.List<String> lines = Files.readAllLines(out);
        float[] want = Npy.read(dir.resolve("output_0.npy")).toArray();
        assertEquals(5, lines.size());
        for (int i = 0; i < 5; i++) {
            float got = Float.parseFloat(lines.get(i));
            assertTrue(Math.abs(got - want[i]) <= 1e-5 + 1e-5 * Math.abs(want[i]), lines.get(i));
        }
    }

    @Test
    void noCommandPrintsTheUsageAndFails() {
        String[] r = run();
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("Usage: keras4j"), r[2]);
    }

    /** numpy.savetxt writes NaN and infinities as nan, inf and -inf. */
    @Test
    void predictReadsNumpysSpellingOfNanAndInfinity(@TempDir Path tmp) throws Exception {
        Path dir = CASES.resolve("seed_lstm16_keras");
        float[] x = Npy.read(dir.resolve("input_0.npy")).toArray();
        StringBuilder csv = new StringBuilder("nan,inf,-inf,-Infinity,+inf,NaN,0,0,0,0\n");
        for (int t = 0; t < 10; t++) {
            csv.append(t == 0 ? "" : ",").append(x[10 + t]);
        }
        Path in = tmp.resolve("x.csv");
        Files.writeString(in, csv.append('\n'));
        Path out = tmp.resolve("y.csv");
        String[] r = run("predict", dir.resolve("model.keras").toString(), "--input", in.toString(), "--output", out.toString());
        assertEquals("0", r[0], r[2]);
        java.util.List<String> lines = Files.readAllLines(out);
        assertTrue(Float.isNaN(Float.parseFloat(lines.get(0))), "a NaN input gives NaN: " + lines.get(0));
        float want = Npy.read(dir.resolve("output_0.npy")).toArray()[1];
        assertTrue(Math.abs(Float.parseFloat(lines.get(1)) - want) <= 1e-5 + 1e-5 * Math.abs(want), lines.get(1));
    }

    @Test
    void benchReportsLatencyAndThroughput() {
        String[] r = run("bench", CASES.resolve("seed_lstm16_h5").resolve("model.h5").toString(), "--warmup", "0.2",
                "--seconds", "0.5", "--threads", "2", "--batch", "4");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("throughput") && r[1].contains("p99"), r[1]);
    }

    /** A weights-only file from Keras 2.1.3 with its JSON config, from the real-world corpus when it is present. */
    @Test
    void predictTakesAWeightsOnlyFileWithItsConfig(@TempDir Path tmp) throws Exception {
        Path dir = Path.of(System.getProperty("keras4j.realworld", "../../shared/realworld")).resolve(
                "KonduitAI+dl4j-test-resources/src/main/resources/modelimport/keras/examples/simple_rnn");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(dir), "real-world corpus not found at "
                + dir.toAbsolutePath().normalize() + ": skipped");
        Path x = tmp.resolve("x.npy");
        Tensor want;
        try (var golden = io.keras4j.importer.hdf5.Hdf5File.open(dir.resolve("simple_rnn_tf_keras_2_inputs_and_outputs.h5"))) {
            var in = golden.dataset("/inputs/simple_rnn_1_input");
            Npy.write(x, Tensor.of(in.readFloats(), java.util.Arrays.stream(in.shape()).mapToInt(Math::toIntExact).toArray()));
            var out = golden.dataset("/predictions/dense_1");
            want = Tensor.of(out.readFloats(), java.util.Arrays.stream(out.shape()).mapToInt(Math::toIntExact).toArray());
        }
        Path y = tmp.resolve("y.npy");
        String[] r = run("predict", dir.resolve("simple_rnn_tf_keras_2_weights.h5").toString(), "--config",
                dir.resolve("simple_rnn_tf_keras_2_config.json").toString(), "--input", x.toString(), "--output", y.toString());
        assertEquals("0", r[0], r[2]);
        float[] g = Npy.read(y).toArray();
        float[] w = want.toArray();
        assertEquals(w.length, g.length);
        for (int i = 0; i < g.length; i++) {
            assertTrue(Math.abs(g[i] - w[i]) <= 1e-5 + 1e-5 * Math.abs(w[i]), "value " + i);
        }
        String[] alone = run("predict", dir.resolve("simple_rnn_tf_keras_2_weights.h5").toString(), "--input", x.toString(),
                "--output", y.toString());
        assertEquals("2", alone[0]);
        assertTrue(alone[2].contains("weights-only"), alone[2]);

        String[] inspected = run("inspect", "--config", dir.resolve("simple_rnn_tf_keras_2_config.json").toString(),
                dir.resolve("simple_rnn_tf_keras_2_weights.h5").toString());
        assertEquals("0", inspected[0], inspected[2]);
        assertTrue(inspected[1].contains("Total params"), inspected[1]);
    }

    /**
     * A time-major ONNX input cannot be sized at random: bench says so and takes the case's own input instead; a model
     * that needs integer ids refuses random floats with the reason.
     */
    @Test
    void benchTakesGivenInputsWhereRandomOnesCannotServe() {
        Path timeMajor = CASES.resolve("onnx_torch_gru_bidir_timemajor_last_op9");
        String[] random = run("bench", timeMajor.resolve("model.onnx").toString(), "--warmup", "0", "--seconds", "0.2");
        assertEquals("2", random[0]);
        assertTrue(random[2].contains("is not batch first") && random[2].contains("--input"), random[2]);
        String[] given = run("bench", timeMajor.resolve("model.onnx").toString(), "--warmup", "0", "--seconds", "0.2",
                "--input", timeMajor.resolve("input_0.npy").toString());
        assertEquals("0", given[0], given[2]);
        assertTrue(given[1].contains("given inputs [(6, 2, 4)]") && given[1].contains("kernels "), given[1]);
        String[] both = run("bench", timeMajor.resolve("model.onnx").toString(), "--batch", "2",
                "--input", timeMajor.resolve("input_0.npy").toString());
        assertEquals("2", both[0]);
        assertTrue(both[2].contains("--batch and --timesteps size random inputs"), both[2]);
    }

    @Test
    void fileErrorsNameTheFileOnce(@TempDir Path tmp) {
        Path absent = tmp.resolve("absent.h5");
        String[] r = run("inspect", absent.toString());
        assertEquals("2", r[0]);
        assertEquals("keras4j: " + absent + ": no such file", r[2].strip());
        String[] dirInput = run("predict", CASES.resolve("seed_lstm16_h5").resolve("model.h5").toString(), "--input",
                tmp.toString(), "--output", tmp.resolve("y.npy").toString());
        assertEquals("2", dirInput[0]);
        assertEquals("keras4j: " + tmp + ": is a directory, not a .npy file", dirInput[2].strip());
        Path out = tmp.resolve("no-such-folder").resolve("m.k4j");
        String[] convert = run("convert", CASES.resolve("seed_lstm16_h5").resolve("model.h5").toString(), out.toString());
        assertEquals("2", convert[0]);
        assertTrue(convert[2].startsWith("keras4j: output " + out + ": the folder "), convert[2]);
    }
}
