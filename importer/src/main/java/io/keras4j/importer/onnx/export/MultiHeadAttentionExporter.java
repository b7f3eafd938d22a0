package io.keras4j.importer.onnx.export;

import static io.keras4j.importer.onnx.export.OnnxWriter.attr;

import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.ops.OpSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The attention inside Keras MultiHeadAttention (its projections are Dense layers of their own) as ONNX MatMul and
 * Softmax over {@code [batch, heads, T, S]}: scores {@code (q·k)·scale} plus the bias if any; a key step hidden by the
 * query, value or key mask, the causal mask or the sliding window scores -1e9, so that a row that sees no step weighs all
 * steps evenly (Keras' fused attention) and, where Keras' Softmax layer zeroes what is masked, hidden weights are 0.
 */
final class MultiHeadAttentionExporter implements OpExporter {
    @Override
    public void export(Node node, OnnxWriter w) {
        OpSpec s = node.op().spec();
        int heads = s.intAttr("heads");
        int keyDim = s.intAttr("key_dim");
        int valueDim = s.intAttr("value_dim");
        List<String> in = node.inputs();
        String q = w.transposed(w.binary("Reshape", in.get(0), w.longs(0, 0, heads, keyDim)), 0, 2, 1, 3);
        String kt = w.transposed(w.binary("Reshape", in.get(1), w.longs(0, 0, heads, keyDim)), 0, 2, 3, 1);
        String v = w.transposed(w.binary("Reshape", in.get(2), w.longs(0, 0, heads, valueDim)), 0, 2, 1, 3);
        String scores = w.binary("Mul", w.binary("MatMul", q, kt), w.scalar((float) s.doubleAttr("scale")));
        int next = 3;
        List<String> hidden = new ArrayList<>();
        if (s.boolAttr("query_masked")) {
            hidden.add(w.binary("Unsqueeze", AttentionMasks.hiddenSteps(w, in.get(next++)), w.longs(1, 3)));
        }
        for (String mask : new String[] {"value_masked", "key_masked"}) {
            if (s.boolAttr(mask)) {
                hidden.add(w.binary("Unsqueeze", AttentionMasks.hiddenSteps(w, in.get(next++)), w.longs(1, 2)));
            }
        }
        if (s.boolAttr("biased")) {
            scores = w.binary("Add", scores, w.binary("Unsqueeze", in.get(next), w.longs(1)));
        }
        int window = s.intAttr("window");
        if (s.boolAttr("causal") || window > 0) {
            String ones = AttentionMasks.ones(w, scores, 4);
            if (s.boolAttr("causal")) {
                hidden.add(AttentionMasks.outside(w, ones, 0, false));
            }
            if (window > 0) {
                hidden.add(AttentionMasks.outside(w, ones, window - 1, false));
                hidden.add(AttentionMasks.outside(w, ones, 1 - window, true));
            }
        }
        String any = AttentionMasks.any(w, hidden);
        String weights = w.unary("Softmax", any == null ? scores : w.apply("Where", List.of(any, w.scalar(-1e9f), scores)),
                attr("axis", -1));
        if (any != null && s.stringAttr("rows").equals("ZERO")) {
            weights = w.apply("Where", List.of(any, w.scalar(0f), weights));
        }
        String y = w.transposed(w.binary("MatMul", weights, v), 0, 2, 1, 3);
        w.add("Reshape", List.of(y, w.longs(0, 0, heads * valueDim)), List.of(node.outputs().get(0)));
        if (s.boolAttr("return_scores")) {
            w.add("Identity", List.of(weights), List.of(node.outputs().get(1)));
        }
    }
}
