package io.keras4j.importer.keras;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Typed access to one layer's config that records every problem instead of stopping at the first,
 * and that knows which keys were read so that {@link #finish} can reject options nobody handled.
 */
public final class LayerConfig {
    /** Keys every layer may carry that do not change what it computes at inference. */
    private static final Set<String> COMMON = Set.of("name", "trainable", "dtype", "batch_input_shape", "batch_shape",
            "input_shape", "input_dim", "input_length", "input_dtype", "activity_regularizer", "build_config", "autocast");

    /** The dtypes keras4j computes, as float32 (within the tolerance of Keras' float64 results). */
    public static final Set<String> FLOAT_DTYPES = Set.of("float32", "float64");

    /**
     * The mixed-precision policies (float32 weights, 16-bit computation) that the import option
     * {@code mixedPrecisionInFloat32} admits, to be computed in float32.
     */
    private static final Set<String> MIXED_POLICIES = Set.of("mixed_float16", "mixed_bfloat16");

    /** The integer dtypes: group 1 is "u" for the unsigned ones, group 2 the bits. */
    public static final Pattern INTEGER_DTYPES = Pattern.compile("(u?)int(8|16|32|64)");

    private final LayerSpec layer;
    private final Problems problems;
    private final Set<String> seen = new HashSet<>();
    private int problemCount;
    /** Whether the translator read the quantization mode (see {@link #quantizationMode}). */
    private boolean quantizationRead;
    /** Whether the layer outputs integers, so that an integer dtype policy is its output type (see {@link #integerOutput}). */
    private boolean integerOutput;

    public LayerConfig(LayerSpec layer, Problems problems) {
        this.layer = layer;
        this.problems = problems;
    }

    public LayerSpec layer() {
        return layer;
    }

    public void problem(String what) {
        problems.add(layer, what);
        problemCount++;
    }

    /** Whether a problem was recorded for this layer (a check that reads valid options only can then be skipped). */
    public boolean hasProblems() {
        return problemCount > 0;
    }

    /** The raw value of the first of {@code keys} present (aliases across Keras versions), or null. */
    public JsonNode raw(String... keys) {
        for (String k : keys) {
            seen.add(k);
        }
        for (String k : keys) {
            JsonNode v = layer.config().get(k);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** A positive int option; records a problem and returns 1 when absent or invalid. */
    public int positiveInt(String... keys) {
        JsonNode v = raw(keys);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() <= 0) {
            problem("option " + keys[0] + (v == null ? " is missing" : "=" + v + " must be a positive integer"));
            return 1;
        }
        if (v.asInt() > 1 << 24) {
            problem("option " + keys[0] + "=" + v + " is larger than keras4j accepts (" + (1 << 24) + ")");
            return 1;
        }
        return v.asInt();
    }

    /** A boolean option with its Keras default. */
    public boolean bool(boolean dflt, String... keys) {
        JsonNode v = raw(keys);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isBoolean()) {
            problem("option " + keys[0] + "=" + v + " must be true or false");
            return dflt;
        }
        return v.asBoolean();
    }

    /** A string option with its default. */
    public String string(String dflt, String... keys) {
        JsonNode v = raw(keys);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isTextual()) {
            problem("option " + keys[0] + "=" + v + " must be a string");
            return dflt;
        }
        return v.asText();
    }

    /** A number option with its default. */
    public double number(double dflt, String... keys) {
        JsonNode v = raw(keys);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isNumber()) {
            problem("option " + keys[0] + "=" + v + " must be a number");
            return dflt;
        }
        return v.asDouble();
    }

    /**
     * Marks keys the translator reads only after checks that may stop it early, so that such a stop, whose problem is
     * already recorded, does not also report them as unsupported options.
     */
    public void readLater(String... keys) {
        seen.addAll(java.util.Arrays.asList(keys));
    }

    /** Keys that do not affect inference (initializers, regularizers, dropout rates): read and ignored. */
    public void ignore(String... keys) {
        for (String k : keys) {
            seen.add(k);
        }
    }

    /** Records a problem unless option {@code key} is absent or has its supported value. */
    public void require(String key, boolean supported, String why) {
        JsonNode v = raw(key);
        if (v != null && !v.isNull() && v.isBoolean() && v.asBoolean() != supported) {
            problem("option " + key + "=" + v + " is not supported" + (why.isEmpty() ? "" : " (" + why + ")"));
        }
    }

    /**
     * Admits an integer dtype policy ({@code int64}, {@code int32}, ...) for a layer whose outputs are integers, which
     * keras4j holds as float32 values (exact up to 2^24).
     */
    public void integerOutput() {
        integerOutput = true;
    }

    /**
     * The mode of a Keras 3 quantized dtype policy ({@code QuantizedDTypePolicy}, {@code Int4DTypePolicy}, ...: int8,
     * int4/128, float8, ...), or null for
     * a float policy. A translator that reads it handles the quantization; {@link #finish} refuses a quantized layer
     * whose translator did not.
     */
    public String quantizationMode() {
        quantizationRead = true;
        return quantizationMode(layer.config().get("dtype"));
    }

    /** The mode of a quantized dtype policy (one with a mode and a source dtype), or null. */
    private static String quantizationMode(JsonNode dtype) {
        JsonNode config = dtype == null ? null : dtype.path("config");
        return config != null && config.path("mode").isTextual() && config.path("source_name").isTextual()
                ? config.path("mode").asText() : null;
    }

    /**
     * Records a problem for every config key that no one read, and for a layer's dtype policy other than float32 and
     * float64 (which keras4j computes in float32: within the tolerance of Keras' float64 results, unlike lower
     * precisions) or, with {@code mixedPrecisionInFloat32}, a mixed-precision one (computed in float32 too), or quantized
     * when its translator does not read the quantization. An operation's {@code dtype} is its output type: one its
     * translator did not read must be None.
     */
    public void finish(boolean mixedPrecisionInFloat32) {
        JsonNode outputType = layer.config().get("dtype");
        if (layer.operation() && !seen.contains("dtype") && outputType != null && !outputType.isNull()) {
            problem("option dtype=" + outputType + " is not supported (the input's type only)");
        }
        String quantized = layer.operation() ? null : quantizationMode(outputType);
        if (quantized != null && !quantizationRead) {
            problem("option dtype=" + quantized + "_from_" + dtypePolicy(outputType) + " is not supported (Keras quantized"
                    + " this layer; keras4j runs int8-quantized Dense, EinsumDense and Embedding layers)");
        }
        String dtype = layer.operation() ? null : dtypePolicy(outputType);
        if (dtype != null && !FLOAT_DTYPES.contains(dtype) && !(integerOutput && INTEGER_DTYPES.matcher(dtype).matches())) {
            if (quantized != null || !MIXED_POLICIES.contains(dtype)) {
                problem("option dtype=" + dtype + " is not supported (keras4j computes in float32; Keras computes this"
                        + " layer in a lower precision)");
            } else if (!mixedPrecisionInFloat32) {
                problem("option dtype=" + dtype + " is not supported by default (Keras computes this layer in 16 bits,"
                        + " whose roundings keras4j does not reproduce; the import option mixed_precision_in_float32,"
                        + " ImportOptions.withMixedPrecisionInFloat32(true) or --mixed-precision-in-float32, computes it"
                        + " in float32, with results that differ from Keras' by those roundings)");
            }
        }
        Iterator<String> it = layer.config().fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            if (!seen.contains(k) && !COMMON.contains(k)) {
                problem("option " + k + "=" + layer.config().get(k) + " is not supported");
            }
        }
    }

    /**
     * The policy name of a layer's {@code dtype}: a string (Keras 1/2, tf.keras), or a policy object with its name in
     * {@code config.name} (Keras 3 {@code DTypePolicy}, tf.keras {@code Policy}), or its source dtype in
     * {@code config.source_name} (Keras 3's quantized policies, which compute in that dtype); null when absent.
     */
    private static String dtypePolicy(JsonNode dtype) {
        if (dtype == null || dtype.isNull()) {
            return null;
        }
        if (dtype.isTextual()) {
            return dtype.asText();
        }
        if (quantizationMode(dtype) != null && dtype.path("config").path("source_name").isTextual()) {
            return dtype.path("config").path("source_name").asText();
        }
        JsonNode name = dtype.path("config").path("name");
        return name.isTextual() ? name.asText() : dtype.toString();
    }
}
