package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.LayerNormalization;
import java.util.Arrays;
import java.util.List;

/**
 * ONNX LayerNormalization (opset 17) and RMSNormalization (opset 23, {@code x / sqrt(mean(x²) + epsilon) · Scale}) over
 * the axes from {@code axis} (not the batch axis) to the last, whose sizes must be known at import, with constant Scale
 * and (LayerNormalization) B of those axes' shape; float32 statistics ({@code stash_type=1}); output Y only (not
 * LayerNormalization's Mean and InvStdDev). ONNX Runtime's SimplifiedLayerNormalization (its own operator in the
 * default domain, which its optimizer writes for that pattern) is RMSNormalization under its name.
 */
final class LayerNormalizationTranslator implements OpTranslator {
    private final boolean rms;

    /** @param rms RMSNormalization */
    LayerNormalizationTranslator(boolean rms) {
        this.rms = rms;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        long axis = node.intAttr("axis", -1);
        float epsilon = node.floatAttr("epsilon", 1e-5f);
        if (node.intAttr("stash_type", 1) != 1) {
            node.problem("attribute stash_type must be 1 (float32 statistics)");
            return;
        }
        if (onlyFirstOutput(node, 1)) {
            normalize(node, b, node.input(0), axis, epsilon, 1, rms ? -1 : 2,
                    rms ? LayerNormalization.Form.RMS : LayerNormalization.Form.ONNX, node.output(0));
        }
    }

    /** Whether the node's outputs from {@code from} on are all unused; records a problem if not. */
    static boolean onlyFirstOutput(OnnxNode node, int from) {
        for (int i = from; i < node.outputs().size(); i++) {
            if (!node.output(i).isEmpty()) {
                node.problem("output " + i + " ('" + node.output(i) + "') is not supported (only the normalized values)");
                return false;
            }
        }
        return true;
    }

    /**
     * Emits {@code out}, x normalized over the axes from {@code axis} to the last in the float32 steps of {@code form}
     * with the constant scale of input {@code scaleInput} and, if given, the constant bias of input {@code biasInput}
     * (-1 for RMS normalization, which has none).
     */
    static void normalize(OnnxNode node, OnnxGraphBuilder b, String x, long axis, float epsilon, int scaleInput, int biasInput,
            LayerNormalization.Form form, String out) {
        int[] shape = b.shape(x);
        int rank = shape.length;
        int a = (int) (axis < 0 ? axis + rank : axis);
        if (a < 1 || a >= rank) {
            node.problem("axis " + axis + " must pick a non-batch axis of an input of rank " + rank);
            return;
        }
        int[] axes = new int[rank - a];
        int[] sizes = Arrays.copyOfRange(shape, a, rank);
        for (int i = 0; i < axes.length; i++) {
            axes[i] = a + i;
        }
        if (Arrays.stream(sizes).anyMatch(s -> s < 0)) {
            node.problem("the normalized axes of input shape " + io.keras4j.runtime.Shapes.toString(shape) + " must be known at import");
            return;
        }
        boolean biased = biasInput >= 0 && !node.input(biasInput).isEmpty();
        OnnxTensor scale = Args.constant(node, b, scaleInput, "Scale");
        OnnxTensor bias = biased ? Args.constant(node, b, biasInput, "B") : null;
        if (scale == null || biased && bias == null) {
            return;
        }
        int count = Arrays.stream(sizes).reduce(1, (p, q) -> p * q);
        if (scale.size() != count || bias != null && bias.size() != count) {
            node.problem("Scale " + scale + " and B must have the normalized axes' shape " + Arrays.toString(sizes));
            return;
        }
        LayerNormalization op = new LayerNormalization(rank, axes, sizes, epsilon, scale.floats(),
                bias == null ? null : bias.floats(), form);
        b.emit(node, op, List.of(x), List.of(out), DataTypes.FLOAT);
    }
}
