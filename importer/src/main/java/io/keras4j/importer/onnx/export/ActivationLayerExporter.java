package io.keras4j.importer.onnx.export;

import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.ops.OpSpec;
import java.util.List;

/**
 * Keras' ReLU, LeakyReLU, ELU and PReLU layers: a leaky ReLU alone as ONNX LeakyRelu, else ReLU's steps
 * {@code clip(x > threshold ? x : 0, 0, max_value) - negative_slope·relu(threshold - x)}; ELU as Elu; PReLU as PRelu with
 * the learned slopes.
 */
final class ActivationLayerExporter implements OpExporter {
    @Override
    public void export(Node node, OnnxWriter w) {
        OpSpec s = node.op().spec();
        String x = node.inputs().get(0);
        List<String> out = node.outputs();
        switch (s.type()) {
            case "ELU" -> w.add("Elu", List.of(x), out).addAttribute(OnnxWriter.attr("alpha", (float) s.doubleAttr("alpha")));
            case "PReLU" -> w.add("PRelu", List.of(x, w.constantValue(node.name() + "/alpha", s.requireWeight("alpha"))), out);
            default -> relu(w, s, x, out);
        }
    }

    private static void relu(OnnxWriter w, OpSpec s, String x, List<String> out) {
        float slope = (float) s.doubleAttr("negative_slope");
        float threshold = (float) s.doubleAttr("threshold");
        boolean clip = s.boolAttr("has_max_value");
        if (slope != 0f && !clip && threshold == 0f) {
            w.add("LeakyRelu", List.of(x), out).addAttribute(OnnxWriter.attr("alpha", slope));
            return;
        }
        String r = threshold == 0f ? w.unary("Relu", x)
                : w.apply("Where", List.of(w.binary("Greater", x, w.scalar(threshold)), x, w.scalar(0f)));
        if (clip) {
            r = w.apply("Clip", List.of(r, w.scalar(0f), w.scalar((float) s.doubleAttr("max_value"))));
        }
        if (slope != 0f) {
            String below = w.unary("Relu", w.binary("Sub", w.scalar(threshold), x));
            w.add("Sub", List.of(r, w.binary("Mul", w.scalar(slope), below)), out);
        } else {
            w.add("Identity", List.of(r), out);
        }
    }
}
