package io.keras4j.cli;

import io.keras4j.importer.CaseFolder;
import io.keras4j.importer.Comparison;
import io.keras4j.importer.ModelImporter;
import io.keras4j.runtime.Model;
import io.keras4j.runtime.Tensor;
import io.keras4j.runtime.graph.ValueInfo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code keras4j verify CASE_DIR}. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Runs the model of a case folder on its inputs and compares with Keras' outputs.",
                "A case folder holds the model (model.h5, model.keras, model.onnx, model.k4j), input_<i>.npy, output_<i>.npy,"
                        + " optionally case.json and Keras' per-layer outputs layers/<layer>.npy. Passes when every value is"
                        + " within atol + rtol*|want| (default 1e-5 each); otherwise names the first layer that diverges."})
final class VerifyCommand implements Callable<Integer> {
    /** Sequences per prediction when a case holds many, so progress can be shown. */
    private static final int CHUNK = 512;

    @Parameters(index = "0", paramLabel = "CASE_DIR")
    Path dir;

    @Mixin
    ImportMixin importing;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CaseFolder c = CaseFolder.open(dir);
        Model m = ModelImporter.load(c.model(), c.importOptions(importing.options()));
        PrintWriter out = spec.commandLine().getOut();
        List<Tensor[]> calls = new ArrayList<>();
        if (m.isStateful() || c.calls() > 1) {
            calls.addAll(c.run(m));
        } else {
            calls.add(predictInChunks(m, c.inputs()));
        }
        boolean ok = true;
        for (int k = 0; k < calls.size(); k++) {
            Tensor[] got = calls.get(k);
            if (got.length != c.outputs(k).size()) {
                throw new IllegalArgumentException(dir + ": the model gives " + got.length + " outputs but the case holds "
                        + c.outputs(k).size());
            }
            String call = calls.size() > 1 ? "call " + k + " " : "";
            for (int i = 0; i < got.length; i++) {
                Comparison r = c.compare(k, i, got[i]);
                ok &= r.passed();
                out.printf("%soutput %d %s: %s%n", call, i, m.outputs().get(i).name(), describe(r));
            }
        }
        if (!ok) {
            reportFirstDivergingLayer(c, m, out);
        }
        out.println(ok ? "PASS " + dir : "FAIL " + dir);
        out.flush();
        return ok ? 0 : Main.MISMATCH;
    }

    private static String describe(Comparison r) {
        if (!r.sameShape()) {
            return r.detail() + ": FAIL";
        }
        return String.format("max abs error %.2e, %d of %d values outside tolerance: %s", r.maxAbsError(), r.violations(),
                r.count(), r.passed() ? "PASS" : "FAIL");
    }

    /**
     * Predicts {@link #CHUNK} sequences at a time, showing progress, when every input and output has the batch first
     * (not so for ONNX time-major inputs or state outputs); otherwise all at once.
     */
    private Tensor[] predictInChunks(Model m, List<Tensor> inputs) {
        Tensor[] all = inputs.toArray(new Tensor[0]);
        int rows = inputs.isEmpty() || inputs.get(0).rank() == 0 ? 0 : inputs.get(0).dim(0);
        boolean batchFirst = m.inputs().stream().allMatch(ValueInfo::batchFirst)
                && inputs.stream().allMatch(x -> x.rank() > 0 && x.dim(0) == rows);
        if (rows <= CHUNK || !batchFirst) {
            return m.predictAll(all);
        }
        Progress progress = new Progress(spec.commandLine().getErr());
        List<List<Tensor>> parts = new ArrayList<>();
        for (int from = 0; from < rows; from += CHUNK) {
            int to = Math.min(rows, from + CHUNK);
            Tensor[] x = new Tensor[inputs.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = inputs.get(i).rows(from, to);
            }
            List<Tensor> y = List.of(m.predictAll(x));
            int n = to - from;
            if (y.stream().anyMatch(t -> t.rank() == 0 || t.dim(0) != n)) {
                progress.done();
                return m.predictAll(all);
            }
            parts.add(y);
            progress.show("verifying", to, rows);
        }
        progress.done();
        Tensor[] out = new Tensor[parts.get(0).size()];
        for (int i = 0; i < out.length; i++) {
            int index = i;
            out[i] = Tensor.concatRows(parts.stream().map(p -> p.get(index)).toList());
        }
        return out;
    }

    /** With Keras' per-layer outputs in the folder, names the first layer (in model order) whose output is off. */
    private static void reportFirstDivergingLayer(CaseFolder c, Model m, PrintWriter out) throws Exception {
        Map<String, Tensor> keras = c.layerOutputs();
        if (keras.isEmpty()) {
            out.println("(no per-layer outputs in " + c.dir().resolve("layers") + " to locate the divergence)");
            return;
        }
        Map<String, Tensor> ours = m.trace(c.inputs().toArray(new Tensor[0]));
        for (Map.Entry<String, String> layer : m.graph().layerOutputs().entrySet()) {
            Tensor want = keras.get(layer.getKey());
            Tensor got = ours.get(layer.getValue());
            if (want == null || got == null) {
                continue;
            }
            Comparison r = c.compare(got, want);
            if (!r.passed()) {
                out.printf("first diverging layer: %s: %s%n", layer.getKey(), describe(r));
                return;
            }
        }
        out.println("every layer with a stored Keras output matches; the divergence is after the last of them");
    }
}
