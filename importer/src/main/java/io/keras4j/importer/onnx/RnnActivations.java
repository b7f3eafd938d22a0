package io.keras4j.importer.onnx;

import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.math.Activation.Kind;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code activations}, {@code activation_alpha} and {@code activation_beta} attributes of ONNX LSTM, GRU
 * and RNN. LSTM and GRU consume alpha and beta in list order, only by the functions that take them, as the
 * specification and ONNX Runtime agree. Where ONNX Runtime's reading departs from the specification (its
 * RNN takes alpha/beta by direction and defaults them to 0; Affine, ScaledTanh and ThresholdedRelu have
 * no agreed default) keras4j asks for explicit values instead of guessing.
 */
final class RnnActivations {
    private record Spec(Kind kind, boolean alpha, boolean beta, float defaultAlpha, float defaultBeta) {
    }

    private static final Map<String, Spec> BY_NAME = Map.ofEntries(
            Map.entry("relu", new Spec(Kind.RELU, false, false, 0, 0)),
            Map.entry("tanh", new Spec(Kind.TANH, false, false, 0, 0)),
            Map.entry("sigmoid", new Spec(Kind.SIGMOID, false, false, 0, 0)),
            Map.entry("softsign", new Spec(Kind.SOFTSIGN, false, false, 0, 0)),
            Map.entry("softplus", new Spec(Kind.SOFTPLUS, false, false, 0, 0)),
            Map.entry("leakyrelu", new Spec(Kind.LEAKY_RELU, true, false, 0.01f, 0)),
            Map.entry("elu", new Spec(Kind.ELU, true, false, 1f, 0)),
            Map.entry("hardsigmoid", new Spec(Kind.HARD_SIGMOID, true, true, 0.2f, 0.5f)),
            Map.entry("affine", new Spec(Kind.AFFINE, true, true, Float.NaN, Float.NaN)),
            Map.entry("scaledtanh", new Spec(Kind.SCALED_TANH, true, true, Float.NaN, Float.NaN)),
            Map.entry("thresholdedrelu", new Spec(Kind.THRESHOLDED_RELU, true, false, Float.NaN, 0)));

    private RnnActivations() {
    }

    /**
     * The functions, {@code perDirection} per direction, or null after recording problems.
     *
     * @param defaults the default list for one direction
     * @param positional alpha/beta indexed by direction (ONNX Runtime's RNN) instead of consumed in order
     */
    static Activation[][] read(OnnxNode node, int directions, List<String> defaults, boolean positional) {
        List<String> names = node.stringsAttr("activations");
        float[] alphas = node.floatsAttr("activation_alpha");
        float[] betas = node.floatsAttr("activation_beta");
        int per = defaults.size();
        if (names == null) {
            names = new java.util.ArrayList<>();
            for (int d = 0; d < directions; d++) {
                names.addAll(defaults);
            }
        } else if (positional && names.size() == 2 && directions == 1) {
            names = names.subList(0, 1);
        }
        if (names.size() != per * directions) {
            node.problem("attribute activations " + names + " must list " + per * directions + " functions (" + per
                    + " per direction)");
            return null;
        }
        Spec[] specs = new Spec[names.size()];
        for (int i = 0; i < specs.length; i++) {
            specs[i] = BY_NAME.get(names.get(i).toLowerCase(Locale.ROOT));
            if (specs[i] == null) {
                node.problem("activation '" + names.get(i) + "' is not an ONNX RNN activation (Relu, Tanh, Sigmoid, Affine,"
                        + " LeakyRelu, ThresholdedRelu, ScaledTanh, HardSigmoid, Elu, Softsign, Softplus)");
                return null;
            }
        }
        float[] a = positional ? byDirection(node, specs, alphas, true) : inOrder(node, specs, alphas, true);
        float[] b = positional ? byDirection(node, specs, betas, false) : inOrder(node, specs, betas, false);
        if (a == null || b == null) {
            return null;
        }
        Activation[][] out = new Activation[directions][per];
        for (int i = 0; i < specs.length; i++) {
            out[i / per][i % per] = Activation.of(specs[i].kind(), a[i], b[i]);
        }
        return out;
    }

    private static boolean uses(Spec s, boolean alpha) {
        return alpha ? s.alpha() : s.beta();
    }

    private static float[] inOrder(OnnxNode node, Spec[] specs, float[] given, boolean alpha) {
        String attr = alpha ? "activation_alpha" : "activation_beta";
        float[] out = new float[specs.length];
        int next = 0;
        for (int i = 0; i < specs.length; i++) {
            if (!uses(specs[i], alpha)) {
                continue;
            }
            float fallback = alpha ? specs[i].defaultAlpha() : specs[i].defaultBeta();
            if (given != null && next < given.length) {
                out[i] = given[next++];
            } else if (Float.isNaN(fallback)) {
                node.problem(specs[i].kind() + " needs its " + attr + " value given: the ONNX specification and ONNX"
                        + " Runtime disagree on its default");
                return null;
            } else {
                out[i] = fallback;
            }
        }
        if (given != null && next < given.length) {
            node.problem("attribute " + attr + " has " + given.length + " values but the activations take " + next);
            return null;
        }
        return out;
    }

    private static float[] byDirection(OnnxNode node, Spec[] specs, float[] given, boolean alpha) {
        String attr = alpha ? "activation_alpha" : "activation_beta";
        float[] out = new float[specs.length];
        boolean any = false;
        boolean all = true;
        for (Spec s : specs) {
            any |= uses(s, alpha);
            all &= uses(s, alpha);
        }
        if (!any) {
            if (given != null) {
                node.problem("attribute " + attr + " is given but no activation takes it");
                return null;
            }
            return out;
        }
        if (given == null || given.length != specs.length || !all) {
            node.problem("attribute " + attr + " must give one value per direction, and every direction's function must take"
                    + " it: ONNX Runtime's RNN reads it by direction with default 0, the specification in order with"
                    + " the operator's default");
            return null;
        }
        return given.clone();
    }
}
