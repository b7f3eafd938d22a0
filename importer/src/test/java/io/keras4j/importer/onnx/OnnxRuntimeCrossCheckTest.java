package io.keras4j.importer.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keras4j.importer.CaseFolder;
import io.keras4j.importer.Comparison;
import io.keras4j.importer.ModelImporter;
import io.keras4j.importer.TestData;
import io.keras4j.runtime.Tensor;
import io.keras4j.runtime.graph.Graph;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ONNX Runtime (Java) as a second oracle: keras4j's outputs on every ONNX case equal ONNX Runtime's, and every
 * Keras golden case that the exporter can write, run by ONNX Runtime, equals Keras' outputs.
 */
class OnnxRuntimeCrossCheckTest {
    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();
    private static final Map<String, Double> MAX_ERRORS = new LinkedHashMap<>();

    static List<Path> onnxCases() {
        return TestData.cases().stream().filter(d -> Files.exists(d.resolve("model.onnx"))).toList();
    }

    static List<Path> kerasCases() {
        return TestData.cases().stream().filter(d -> !Files.exists(d.resolve("model.onnx"))).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("onnxCases")
    void keras4jEqualsOnnxRuntime(Path dir) throws Exception {
        boolean ortGolden = new ObjectMapper().readTree(dir.resolve("case.json").toFile()).path("golden").asText("")
                .equals("onnxruntime");
        CaseFolder c = CaseFolder.open(dir);
        Tensor[] got = ModelImporter.load(c.model()).predictAll(c.inputs().toArray(new Tensor[0]));
        if (!ortGolden) {
            return;
        }
        List<Tensor> want = runOrt(Files.readAllBytes(c.model()), c.model(), c.inputs());
        check(dir.getFileName() + " vs ONNX Runtime", got, want);
    }

    /** A Keras case folder, or null (with a message) when it is incomplete or stateful. */
    private static CaseFolder openKerasCase(Path dir) {
        try {
            CaseFolder c = CaseFolder.open(dir);
            return c.calls() > 1 ? null : c;
        } catch (java.io.IOException e) {
            System.out.println("export round trip skipped: " + e.getMessage());
            return null;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kerasCases")
    void exportedModelRunByOnnxRuntimeEqualsKeras(Path dir) throws Exception {
        CaseFolder c = openKerasCase(dir);
        if (c == null) {
            return;
        }
        Graph g;
        byte[] onnx;
        try {
            g = ModelImporter.readGraph(c.model());
            onnx = OnnxExporter.export(g, c.model().toString());
        } catch (OnnxExportException | io.keras4j.importer.ModelImportException e) {
            System.out.println("export round trip skipped: " + e.getMessage());
            return;
        }
        List<Tensor> ort = runOrt(onnx, null, c.inputs());
        check(dir.getFileName() + " exported, ONNX Runtime vs Keras", ort.toArray(new Tensor[0]), c.outputs());
        Tensor[] back = io.keras4j.importer.ModelImporter.load(onnx, "exported " + dir.getFileName())
                .predictAll(c.inputs().toArray(new Tensor[0]));
        check(dir.getFileName() + " exported and re-imported, keras4j vs Keras", back, c.outputs());
    }

    @Test
    void exporterCoversMostKerasCases() throws Exception {
        int exported = 0;
        for (Path dir : kerasCases()) {
            CaseFolder c = openKerasCase(dir);
            try {
                if (c == null) {
                    continue;
                }
                OnnxExporter.export(ModelImporter.readGraph(c.model()), dir.toString());
                exported++;
            } catch (OnnxExportException | io.keras4j.importer.ModelImportException e) {
                // counted below
            }
        }
        assertTrue(exported >= 30, "only " + exported + " Keras cases could be exported");
    }

    @AfterAll
    static void report() {
        System.out.println("ONNX Runtime cross-check, max abs error per comparison:");
        MAX_ERRORS.forEach((k, v) -> System.out.printf("  %-90s %.3g%n", k, v));
    }

    private static void check(String what, Tensor[] got, List<Tensor> want) {
        assertEquals(want.size(), got.length, what + ": number of outputs");
        double max = 0;
        for (int i = 0; i < got.length; i++) {
            Comparison r = Comparison.of(got[i], want.get(i), CaseFolder.DEFAULT_TOLERANCE, CaseFolder.DEFAULT_TOLERANCE);
            assertTrue(r.passed(), what + " output " + i + ": " + (r.sameShape() ? r.violations() + " of " + r.count()
                    + " values outside tolerance, max abs error " + r.maxAbsError() : r.detail()));
            max = Math.max(max, r.maxAbsError());
        }
        synchronized (MAX_ERRORS) {
            MAX_ERRORS.put(what, max);
        }
    }

    /** Runs a model in ONNX Runtime on float inputs, converted to the element types the model declares. */
    static List<Tensor> runOrt(byte[] model, Path file, List<Tensor> inputs) throws OrtException {
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
             OrtSession s = file != null ? ENV.createSession(file.toString(), opts) : ENV.createSession(model, opts)) {
            Map<String, ai.onnxruntime.OnnxTensor> feed = new LinkedHashMap<>();
            List<String> names = new ArrayList<>(s.getInputNames());
            Map<String, NodeInfo> info = s.getInputInfo();
            try {
                for (int i = 0; i < names.size(); i++) {
                    Tensor t = inputs.get(i);
                    long[] shape = Arrays.stream(t.shape()).asLongStream().toArray();
                    float[] v = t.toArray();
                    OnnxJavaType type = ((TensorInfo) info.get(names.get(i)).getInfo()).type;
                    ai.onnxruntime.OnnxTensor ot;
                    if (type == OnnxJavaType.INT32) {
                        ot = ai.onnxruntime.OnnxTensor.createTensor(ENV, IntBuffer.wrap(Arrays.stream(toDoubles(v))
                                .mapToInt(d -> (int) d).toArray()), shape);
                    } else if (type == OnnxJavaType.INT64) {
                        ot = ai.onnxruntime.OnnxTensor.createTensor(ENV, LongBuffer.wrap(Arrays.stream(toDoubles(v))
                                .mapToLong(d -> (long) d).toArray()), shape);
                    } else {
                        ot = ai.onnxruntime.OnnxTensor.createTensor(ENV, FloatBuffer.wrap(v), shape);
                    }
                    feed.put(names.get(i), ot);
                }
                List<Tensor> out = new ArrayList<>();
                try (OrtSession.Result r = s.run(feed)) {
                    for (var e : r) {
                        ai.onnxruntime.OnnxTensor ot = (ai.onnxruntime.OnnxTensor) e.getValue();
                        FloatBuffer fb = ot.getFloatBuffer();
                        float[] data = new float[fb.remaining()];
                        fb.get(data);
                        out.add(Tensor.of(data, Arrays.stream(ot.getInfo().getShape()).mapToInt(d -> (int) d).toArray()));
                    }
                }
                return out;
            } finally {
                feed.values().forEach(ai.onnxruntime.OnnxTensor::close);
            }
        }
    }

    private static double[] toDoubles(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
