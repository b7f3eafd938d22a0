package io.keras4j.importer.onnx.export;

import static io.keras4j.importer.onnx.export.OnnxWriter.attr;

import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.ops.OpSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras Attention and AdditiveAttention in Keras' float32 steps over scores {@code [batch, Tq, Tv]}: dot
 * {@code (q·kᵀ)·scale} as MatMul, concat {@code weight·Σ tanh(scale·(q + k))} and additive {@code Σ scale·tanh(q + k)}
 * as Unsqueeze, Add, Tanh and ReduceSum over the feature axis; where the value mask or the causal mask (a Trilu band)
 * hides a step the score is lowered by 1e9, then Softmax over Tv weighs the values, and the query mask multiplies the
 * result; the weights are the second output when asked.
 */
final class AttentionExporter implements OpExporter {
    @Override
    public void export(Node node, OnnxWriter w) {
        OpSpec s = node.op().spec();
        List<String> in = node.inputs();
        String q = in.get(0);
        String v = in.get(1);
        int next = 2;
        String k = s.boolAttr("has_key") ? in.get(next++) : v;
        float[] scale = s.weight("scale");
        String scores;
        if (s.stringAttr("score").equals("DOT")) {
            scores = w.binary("MatMul", q, w.transposed(k, 0, 2, 1));
            if (scale != null) {
                scores = w.binary("Mul", scores, w.scalar(scale[0]));
            }
        } else {
            String sum = w.binary("Add", w.binary("Unsqueeze", q, w.longs(2)), w.binary("Unsqueeze", k, w.longs(1)));
            boolean additive = s.stringAttr("score").equals("ADDITIVE");
            if (!additive && scale != null) {
                sum = w.binary("Mul", w.scalar(scale[0]), sum);
            }
            String tanh = w.unary("Tanh", sum);
            if (additive && scale != null) {
                tanh = w.binary("Mul", w.constant(node.name() + "/scale", scale, scale.length), tanh);
            }
            scores = w.binary("ReduceSum", tanh, w.longs(-1), attr("keepdims", 0));
            if (!additive) {
                scores = w.binary("Mul", w.scalar((float) s.doubleAttr("concat_weight")), scores);
            }
        }
        String queryMask = s.boolAttr("query_masked") ? in.get(next++) : null;
        List<String> hidden = new ArrayList<>();
        if (s.boolAttr("value_masked")) {
            hidden.add(w.binary("Unsqueeze", AttentionMasks.hiddenSteps(w, in.get(next)), w.longs(1)));
        }
        if (s.boolAttr("causal")) {
            hidden.add(AttentionMasks.outside(w, AttentionMasks.ones(w, scores, 3), 0, false));
        }
        String any = AttentionMasks.any(w, hidden);
        if (any != null) {
            scores = w.binary("Sub", scores, w.apply("Where", List.of(any, w.scalar(1e9f), w.scalar(0f))));
        }
        String weights = w.unary("Softmax", scores, attr("axis", -1));
        String y = w.binary("MatMul", weights, v);
        List<String> outs = node.outputs();
        if (queryMask != null) {
            w.add("Mul", List.of(y, w.binary("Unsqueeze", queryMask, w.longs(-1))), List.of(outs.get(0)));
        } else {
            w.add("Identity", List.of(y), List.of(outs.get(0)));
        }
        if (s.boolAttr("return_scores")) {
            w.add("Identity", List.of(weights), List.of(outs.get(1)));
        }
    }
}
