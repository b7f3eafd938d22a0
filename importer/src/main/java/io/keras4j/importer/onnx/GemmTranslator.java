package io.keras4j.importer.onnx;

import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.Dense;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * ONNX Gemm {@code alpha·A·B + beta·C} with constant B and C (as Linear layers export): a Dense op whose
 * kernel is B (transposed when transB) times alpha and whose bias is beta·C, for C of shape [N], [1, N] or a
 * scalar. A must be 2-D and not transposed. ONNX Runtime's FusedGemm (com.microsoft) is a Gemm followed by its
 * {@code activation}, one of those ONNX Runtime's optimizer fuses into a Gemm, with that operator's attributes named
 * {@code activation_alpha}, {@code activation_beta}, {@code activation_gamma}.
 */
final class GemmTranslator implements OpTranslator {
    /** The activations ONNX Runtime 1.30 fuses into FusedGemm that keras4j computes (not ScaledTanh, ParametricSoftplus). */
    private static final Set<String> FUSED = Set.of("Elu", "HardSigmoid", "LeakyRelu", "Relu", "Selu", "Sigmoid", "Softplus",
            "Softsign", "Tanh", "ThresholdedRelu");
    private final boolean fused;

    /** @param fused FusedGemm, with an activation */
    GemmTranslator(boolean fused) {
        this.fused = fused;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        Activation activation = fused ? activation(node) : Activation.of(Activation.Kind.LINEAR);
        if (activation == null) {
            return;
        }
        float alpha = node.floatAttr("alpha", 1f);
        float beta = node.floatAttr("beta", 1f);
        boolean transB = node.intAttr("transB", 0) != 0;
        if (node.intAttr("transA", 0) != 0) {
            node.problem("attribute transA=1 is not supported");
            return;
        }
        OnnxTensor w = Args.constant(node, b, 1, "B");
        if (w == null) {
            return;
        }
        int[] ws = w.shape();
        if (ws.length != 2) {
            node.problem("B must be 2-D, got " + w);
            return;
        }
        int in = transB ? ws[1] : ws[0];
        int units = transB ? ws[0] : ws[1];
        float[] kernel = kernel(w.floats(), in, units, transB);
        for (int i = 0; alpha != 1f && i < kernel.length; i++) {
            kernel[i] *= alpha;
        }
        float[] bias = null;
        if (!node.input(2).isEmpty()) {
            OnnxTensor c = Args.constant(node, b, 2, "C");
            if (c == null) {
                return;
            }
            bias = MatMulTranslator.rowBias(node, c, units, beta);
            if (bias == null) {
                return;
            }
        }
        String a = node.input(0);
        if (b.shape(a).length != 2) {
            node.problem("A must be 2-D, got shape " + io.keras4j.runtime.Shapes.toString(b.shape(a)));
            return;
        }
        b.emit(node, new Dense(in, units, kernel, bias, activation), List.of(a),
                List.of(node.output(0)), DataTypes.FLOAT);
    }

    /** B's values as a {@code [depth, units]} row-major kernel: B itself, or its transpose when {@code transB}. */
    static float[] kernel(float[] b, int depth, int units, boolean transB) {
        float[] kernel = new float[depth * units];
        for (int k = 0; k < depth; k++) {
            for (int n = 0; n < units; n++) {
                kernel[k * units + n] = transB ? b[n * depth + k] : b[k * units + n];
            }
        }
        return kernel;
    }

    /** FusedGemm's activation with its parameters (absent ones take the ONNX operator's defaults); null after a problem. */
    private static Activation activation(OnnxNode node) {
        String name = node.stringAttr("activation", "");
        if (!FUSED.contains(name)) {
            node.problem("attribute activation='" + name + "' is not supported (supported: " + String.join(", ", new TreeSet<>(FUSED)) + ")");
            return null;
        }
        return ((ActivationTranslator) Translators.forOp(name, "")).function(node, "activation_");
    }
}
