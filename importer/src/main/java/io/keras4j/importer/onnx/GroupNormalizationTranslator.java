package io.keras4j.importer.onnx;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.ops.GroupNormalization;
import java.util.List;

/**
 * ONNX InstanceNormalization (torch's InstanceNorm1d, and torch's GroupNorm before opset 18) and GroupNormalization
 * from opset 21: each sample's channels of axis 1, alone or in {@code num_groups} groups, normalized over the group and
 * every later axis, {@code (x − mean) / sqrt(variance + ε)} times the channel's scale plus its B; constant scale and B,
 * channels known at import. GroupNormalization 18, deprecated (scale and B per group), is refused.
 */
final class GroupNormalizationTranslator implements OpTranslator {
    private final boolean instance;

    /** @param instance whether this is InstanceNormalization (one group per channel) */
    GroupNormalizationTranslator(boolean instance) {
        this.instance = instance;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        if (!instance && b.opset() < 21) {
            node.problem("GroupNormalization of opset " + b.opset() + " (deprecated: scale and B per group) is not"
                    + " supported; export with opset 21 or later");
            return;
        }
        int[] shape = b.shape(node.input(0));
        if (shape.length < 3 || shape[1] < 0) {
            node.problem("input " + Shapes.toString(shape) + " must be [batch, channels, ...] of rank 3 or more, with the"
                    + " channels known at import");
            return;
        }
        if (node.intAttr("stash_type", 1) != 1) {
            node.problem("attribute stash_type must be 1 (float32 statistics)");
            return;
        }
        int channels = shape[1];
        long groups = instance ? channels : node.intAttr("num_groups", -1);
        if (groups < 1 || channels % groups != 0) {
            node.problem("num_groups " + groups + " must divide the " + channels + " channels");
            return;
        }
        OnnxTensor scale = Args.constant(node, b, 1, "scale");
        OnnxTensor bias = Args.constant(node, b, 2, "B");
        if (scale == null || bias == null) {
            return;
        }
        if (scale.size() != channels || bias.size() != channels) {
            node.problem("scale " + scale + " and B " + bias + " must hold one value per channel (" + channels + ")");
            return;
        }
        GroupNormalization op = new GroupNormalization(shape.length, 1, (int) groups, channels,
                node.floatAttr("epsilon", 1e-5f), scale.floats(), bias.floats());
        b.emit(node, op, List.of(node.input(0)), List.of(node.output(0)), DataTypes.FLOAT);
    }
}
