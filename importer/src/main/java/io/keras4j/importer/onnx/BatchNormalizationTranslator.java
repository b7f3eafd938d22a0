package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.BatchNormalization;
import java.util.List;

/**
 * ONNX BatchNormalization at inference over channel axis 1 of an input of rank 2 or more, with constant scale, B,
 * input_mean and input_var: {@code y = x·s + (B − mean·s)} with {@code s = scale / sqrt(var + epsilon)}. Training
 * ({@code training_mode=1}, the running-statistics outputs) and the per-element statistics of {@code spatial=0} are
 * refused.
 */
final class BatchNormalizationTranslator implements OpTranslator {
    private static final String[] PARAMETERS = {"scale", "B", "input_mean", "input_var"};

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String x = node.input(0);
        int[] shape = b.shape(x);
        if (shape.length < 2) {
            node.problem("input must have rank 2 or more (batch, channels, ...), got rank " + shape.length);
            return;
        }
        if (node.intAttr("training_mode", 0) != 0 || node.outputs().stream().skip(1).anyMatch(o -> !o.isEmpty())) {
            node.problem("training (training_mode=1, outputs running_mean and running_var) is not supported");
            return;
        }
        node.floatAttr("momentum", 0.9f); // used by training only
        if (node.intAttr("spatial", 1) != 1) {
            node.problem("spatial=0 (statistics per element, not per channel) is not supported");
            return;
        }
        float[][] p = new float[PARAMETERS.length][];
        for (int i = 0; i < p.length; i++) {
            OnnxTensor t = Args.constant(node, b, i + 1, PARAMETERS[i]);
            if (t == null) {
                return;
            }
            p[i] = t.floats();
        }
        int channels = shape[1] >= 0 ? shape[1] : p[0].length;
        for (int i = 0; i < p.length; i++) {
            if (p[i].length != channels) {
                node.problem(PARAMETERS[i] + " has " + p[i].length + " values but the input has " + channels + " channels");
                return;
            }
        }
        BatchNormalization op = BatchNormalization.fromMoments(shape.length, 1, p[0], p[1], p[2], p[3],
                node.floatAttr("epsilon", 1e-5f));
        b.emit(node, op, List.of(x), List.of(node.output(0)), DataTypes.FLOAT);
    }
}
