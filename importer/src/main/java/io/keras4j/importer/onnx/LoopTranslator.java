package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.flow.Loop;
import java.util.ArrayList;
import java.util.List;

/**
 * ONNX Loop: a trip count M and/or a condition (one of them at least: a loop with neither never ends), carried values
 * (which keep their shapes), scan outputs stacked along a new axis 0, and values of the enclosing graphs read in the
 * body. A constant M must be 0 to {@link Loop#MAX_ITERATIONS}, or larger with a condition; the op checks M and its
 * iterations at run time the same way. A carried sequence that only grows at its end becomes a scan output
 * ({@link AppendedSequences}).
 */
final class LoopTranslator implements OpTranslator {
    @Override
    public int requiredInputs() {
        return 0;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String m = node.input(0);
        String cond = node.input(1);
        if (m.isEmpty() && cond.isEmpty()) {
            node.problem("has neither a trip count M (input 0) nor a condition (input 1): the loop would never end");
            return;
        }
        OnnxTensor trips = m.isEmpty() ? null : b.constant(m);
        if (trips != null && trips.size() != 1) {
            node.problem("trip count M must be one value, got " + trips);
            return;
        }
        if (trips != null) {
            long v = trips.longs()[0];
            if (v < 0 || v > Loop.MAX_ITERATIONS && cond.isEmpty()) {
                node.problem("trip count M is " + v + "; keras4j runs 0 to " + Loop.MAX_ITERATIONS + " (2^20) iterations");
                return;
            }
        }
        List<String> all = node.inputCount() > 2 ? node.inputs().subList(2, node.inputCount()) : List.of();
        if (all.contains("")) {
            node.problem("input " + (all.indexOf("") + 2) + " (initial value of carried value " + all.indexOf("") + ") is missing");
            return;
        }
        if (node.outputs().size() < all.size()) {
            node.problem("has " + node.outputs().size() + " outputs, fewer than its " + all.size() + " carried values");
            return;
        }
        AppendedSequences appended = AppendedSequences.of(node, b, all);
        if (appended == null) {
            return;
        }
        List<String> initial = appended.tensors(all);
        List<int[]> shapes = new ArrayList<>(List.of(new int[0], new int[0]));
        List<Integer> types = new ArrayList<>(List.of(DataTypes.INT64, DataTypes.BOOL));
        for (String in : initial) {
            shapes.add(b.shape(in));
            types.add(b.type(in));
        }
        Subgraph body = Subgraph.of(node, "body", appended.body(), b, shapes, types);
        if (body == null || !body.outputCount(1 + node.outputs().size())) {
            return;
        }
        List<String> outputs = appended.outputs(node, b);
        int[] outTypes = new int[outputs.size()];
        for (int i = 0; i < outTypes.length; i++) {
            outTypes[i] = body.type(1 + i);
        }
        List<String> inputs = new ArrayList<>();
        for (String in : List.of(m, cond)) {
            if (!in.isEmpty()) {
                inputs.add(in);
            }
        }
        inputs.addAll(initial);
        inputs.addAll(body.captured());
        Loop loop = new Loop(body.graph(body.captured()), !m.isEmpty(), !cond.isEmpty(), initial.size());
        if (b.emit(node, loop, inputs, outputs, outTypes)) {
            appended.define(node, b);
        }
    }
}
