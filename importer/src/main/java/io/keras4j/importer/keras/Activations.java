package io.keras4j.importer.keras;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.math.Activation.Kind;
import java.util.Map;

/** Keras activation names to runtime functions, with the meaning the file's Keras version gives them. */
public final class Activations {
    private static final Map<String, Kind> BY_NAME = Map.ofEntries(
            Map.entry("linear", Kind.LINEAR),
            Map.entry("relu", Kind.RELU),
            Map.entry("relu6", Kind.RELU6),
            Map.entry("leaky_relu", Kind.LEAKY_RELU),
            Map.entry("elu", Kind.ELU),
            Map.entry("selu", Kind.SELU),
            Map.entry("softplus", Kind.SOFTPLUS),
            Map.entry("softsign", Kind.SOFTSIGN),
            Map.entry("silu", Kind.SILU),
            Map.entry("swish", Kind.SILU),
            Map.entry("gelu", Kind.GELU),
            Map.entry("tanh", Kind.TANH),
            Map.entry("sigmoid", Kind.SIGMOID),
            Map.entry("exponential", Kind.EXPONENTIAL),
            Map.entry("hard_sigmoid", Kind.HARD_SIGMOID),
            Map.entry("hard_silu", Kind.HARD_SILU),
            Map.entry("hard_swish", Kind.HARD_SILU),
            Map.entry("mish", Kind.MISH),
            Map.entry("softmax", Kind.SOFTMAX),
            Map.entry("log_softmax", Kind.LOG_SOFTMAX),
            Map.entry("celu", Kind.CELU),
            Map.entry("hard_tanh", Kind.HARD_TANH),
            Map.entry("hard_shrink", Kind.HARD_SHRINK),
            Map.entry("soft_shrink", Kind.SOFT_SHRINK),
            Map.entry("tanh_shrink", Kind.TANH_SHRINK),
            Map.entry("log_sigmoid", Kind.LOG_SIGMOID),
            Map.entry("sparse_plus", Kind.SPARSE_PLUS),
            Map.entry("sparse_sigmoid", Kind.SPARSE_SIGMOID),
            Map.entry("squareplus", Kind.SQUAREPLUS),
            Map.entry("sparsemax", Kind.SPARSEMAX),
            Map.entry("glu", Kind.GLU));

    private Activations() {
    }

    /**
     * Reads activation option {@code key} (a name, null for linear, or a serialized builtin), recording a
     * problem for anything keras4j does not implement exactly.
     */
    public static Activation read(LayerConfig config, KerasVersion version, String dflt, String... keys) {
        JsonNode v = config.raw(keys);
        String name;
        if (v == null) {
            name = dflt;
        } else if (v.isNull()) {
            name = "linear";
        } else if (v.isTextual()) {
            name = v.asText();
        } else if (v.isObject() && v.path("config").isTextual() && "function".equals(v.path("class_name").asText())
                || v.isObject() && v.path("config").isTextual() && v.path("module").asText().startsWith("keras")) {
            name = v.path("config").asText();
        } else {
            config.problem("option " + keys[0] + "=" + v + " is a custom activation; keras4j runs only built-in activations");
            return Activation.of(Kind.LINEAR);
        }
        Activation a = byName(name, version);
        if (a == null) {
            config.problem("option " + keys[0] + "='" + name + "' is not a supported activation");
            return Activation.of(Kind.LINEAR);
        }
        return a;
    }

    /** The function a Keras version means by {@code name}, or null if unknown. */
    public static Activation byName(String name, KerasVersion version) {
        Kind kind = BY_NAME.get(name);
        if (kind == null) {
            return null;
        }
        if (kind == Kind.HARD_SIGMOID) {
            return version.major() >= 3 ? Activation.HARD_SIGMOID_KERAS3 : Activation.HARD_SIGMOID_KERAS2;
        }
        return Activation.of(kind);
    }
}
