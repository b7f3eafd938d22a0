package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.LayerNormalization;
import io.keras4j.runtime.ops.primitive.Elementwise;
import java.util.List;

/**
 * ONNX Runtime's SkipLayerNormalization and SkipSimplifiedLayerNormalization (com.microsoft), what its optimizer makes
 * of a residual Add before a LayerNormalization (or an RMS normalization): {@code s = input + skip (+ bias)}, then
 * s normalized over its last axis with constant gamma (and, SkipLayerNormalization, beta) and {@code epsilon} (1e-12 by
 * default) in the float32 steps of ONNX Runtime's kernel ({@link LayerNormalization.Form#ORT_SKIP},
 * {@link LayerNormalization.Form#ORT_SKIP_RMS}). Output 3, {@code input_skip_bias_sum}, is s; the mean and
 * inv_std_var outputs are not supported.
 */
final class SkipLayerNormalizationTranslator implements OpTranslator {
    private final boolean simplified;

    /** @param simplified SkipSimplifiedLayerNormalization (RMS, no beta; its bias is input 3) */
    SkipLayerNormalizationTranslator(boolean simplified) {
        this.simplified = simplified;
    }

    @Override
    public int requiredInputs() {
        return 3;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        float epsilon = node.floatAttr("epsilon", 1e-12f);
        if (!node.output(1).isEmpty() || !node.output(2).isEmpty()) {
            node.problem("outputs 1 and 2 (mean, inv_std_var) are not supported");
            return;
        }
        if (!LayerNormalizationTranslator.onlyFirstOutput(node, 4)) {
            return;
        }
        String input = node.input(0);
        int biasInput = simplified ? 3 : 4;
        boolean biased = !node.input(biasInput).isEmpty();
        String sum = node.output(3).isEmpty() ? b.fresh(node, "sum") : node.output(3);
        String partial = biased ? b.fresh(node, "partial") : sum;
        if (!b.emit(node, new Elementwise(Elementwise.Kind.ADD), List.of(input, node.input(1)), List.of(partial), b.type(input))
                || biased && !BiasGeluTranslator.addBias(node, b, partial, biasInput, sum)) {
            return;
        }
        LayerNormalizationTranslator.normalize(node, b, sum, -1, epsilon, 2, simplified ? -1 : 3,
                simplified ? LayerNormalization.Form.ORT_SKIP_RMS : LayerNormalization.Form.ORT_SKIP, node.output(0));
    }
}
