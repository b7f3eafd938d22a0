package io.keras4j.importer.onnx.export;

import static io.keras4j.importer.onnx.export.OnnxWriter.attr;
import static io.keras4j.importer.onnx.export.OnnxWriter.ints;

import io.keras4j.importer.onnx.proto.Onnx.NodeProto;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the recurrent layers written as a Scan share: an ONNX Scan over axis 1 (time) of batch-major values, from the
 * last step for go_backwards, its per-step outputs stacked on axis 1 in processing order, and zero initial states.
 */
final class TimeScan {
    private TimeScan() {
    }

    /** One step: the new states, then the step's outputs, from the states and the step's slices of the sequences. */
    interface Step {
        List<String> write(List<String> states, List<String> slices);
    }

    /**
     * Writes the Scan named {@code name}: states from {@code initial}, sequences {@code [batch, time, ...]} of element
     * types {@code types}; {@code results} names the final states, then the stacked outputs.
     */
    static void write(OnnxWriter w, String name, List<String> initial, List<String> sequences, List<Integer> types,
                      boolean backwards, List<String> results, Step step) {
        List<String> in = new ArrayList<>();
        List<Integer> inTypes = new ArrayList<>(Collections.nCopies(initial.size(), OnnxWriter.FLOAT));
        for (int k = 0; k < initial.size(); k++) {
            in.add(w.fresh(name + "/state"));
        }
        for (int k = 0; k < sequences.size(); k++) {
            in.add(w.fresh(name + "/step"));
        }
        inTypes.addAll(types);
        List<String> out = new ArrayList<>();
        for (String r : results) {
            out.add(w.fresh(r + "/step"));
        }
        var body = w.body("body", in, inTypes, out, () -> {
            List<String> made = step.write(in.subList(0, initial.size()), in.subList(initial.size(), in.size()));
            for (int k = 0; k < out.size(); k++) {
                w.add("Identity", List.of(made.get(k)), List.of(out.get(k)));
            }
        });
        List<String> inputs = new ArrayList<>(initial);
        inputs.addAll(sequences);
        int stacked = results.size() - initial.size();
        int n = sequences.size();
        int[] axes = new int[n];
        int[] directions = new int[n];
        java.util.Arrays.fill(axes, 1);
        java.util.Arrays.fill(directions, backwards ? 1 : 0);
        NodeProto.Builder scan = w.addNamed(name, "Scan", inputs, results).addAttribute(body)
                .addAttribute(attr("num_scan_inputs", n)).addAttribute(ints("scan_input_axes", axes))
                .addAttribute(ints("scan_input_directions", directions));
        if (stacked > 0) {
            int[] outAxes = new int[stacked];
            java.util.Arrays.fill(outAxes, 1);
            scan.addAttribute(ints("scan_output_axes", outAxes));
        }
    }

    /** Zeros of shape {@code [batch of x, dims...]}. */
    static String zeros(OnnxWriter w, String x, long... dims) {
        return w.binary("Expand", w.scalar(0f), w.apply("Concat", List.of(w.unary("Shape", x, attr("end", 1)), w.longs(dims)),
                attr("axis", 0)));
    }
}
