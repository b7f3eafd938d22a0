package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.importer.keras.LayerSpec;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.ActivationOp;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.Transpose;
import io.keras4j.runtime.ops.primitive.Constant;
import io.keras4j.runtime.ops.primitive.Elementwise;
import io.keras4j.runtime.ops.primitive.Where;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Config reading and wiring shared by the translators of the general (non-recurrent) layers. */
final class GeneralConfig {
    private GeneralConfig() {
    }

    /**
     * An int option that Keras may write as an int or as a list of ints (a 1-D tuple such as
     * {@code kernel_size: [3]}); {@code dflt} when absent or null. Records a problem for anything else.
     */
    static int intOrTuple(LayerConfig config, int dflt, String... keys) {
        JsonNode v = config.raw(keys);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (v.isArray() && v.size() == 1) {
            v = v.get(0);
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() <= 0 || v.asInt() > 1 << 24) {
            config.problem("option " + keys[0] + "=" + config.raw(keys) + " must be a positive integer (or a list of one)");
            return dflt;
        }
        return v.asInt();
    }

    /** A list of ints (or one int, or null when {@code allowNull}); null after recording a problem. */
    static int[] intList(LayerConfig config, boolean allowNull, String... keys) {
        JsonNode v = config.raw(keys);
        if (v == null || v.isNull()) {
            if (!allowNull) {
                config.problem("option " + keys[0] + " is missing");
            }
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return new int[] {v.asInt()};
        }
        if (!v.isArray()) {
            config.problem("option " + keys[0] + "=" + v + " must be an integer or a list of integers");
            return null;
        }
        int[] out = new int[v.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode e = v.get(i);
            if (!e.isIntegralNumber() || !e.canConvertToInt()) {
                config.problem("option " + keys[0] + "=" + v + " must be a list of integers");
                return null;
            }
            out[i] = e.asInt();
        }
        return out;
    }

    /**
     * Option {@code key} of a layer over {@code rank} spatial axes: one size for every axis, or one per axis; {@code dflt}
     * for every axis when absent (a missing option is a problem where {@code dflt} is not positive); null after a problem.
     */
    static int[] sizes(LayerConfig config, String key, int rank, int dflt) {
        int[] v = intList(config, dflt > 0, key);
        if (v == null) {
            if (config.raw(key) != null && !config.raw(key).isNull() || dflt <= 0) {
                return null;
            }
            v = new int[] {dflt};
        }
        if (v.length == 1) {
            v = Collections.nCopies(rank, v[0]).stream().mapToInt(Integer::intValue).toArray();
        }
        if (v.length != rank || Arrays.stream(v).anyMatch(d -> d <= 0 || d > 1 << 24)) {
            config.problem("option " + key + "=" + config.raw(key) + " must be " + rank + " positive sizes (at most 2^24)");
            return null;
        }
        return v;
    }

    /**
     * Moves the channels of a {@code [batch, (time,) spatial..., channels]} value with {@code rank} spatial axes from right
     * after the {@code lead} axes to the end ({@code toLast}) or back, where the layer puts them first; unchanged where
     * they come last.
     */
    static String moveChannels(Translation t, String v, boolean channelsFirst, int lead, int rank, boolean toLast) {
        if (!channelsFirst) {
            return v;
        }
        int last = lead + rank;
        int[] perm = new int[last + 1];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i < lead ? i : toLast ? (i == last ? lead : i + 1) : (i == lead ? last : i - 1);
        }
        return t.emit(new Transpose("Transpose", perm), List.of(v)).get(0);
    }

    /**
     * Records a problem and returns true where a convolution has a stride above 1 on some axis and a dilation above 1 on
     * some axis, which Keras refuses (its TensorFlow backend cannot run it); false when either is null (already a problem).
     */
    static boolean stridedAndDilated(LayerConfig config, int[] strides, int[] dilations) {
        if (strides == null || dilations == null || Arrays.stream(strides).allMatch(s -> s == 1)
                || Arrays.stream(dilations).allMatch(d -> d == 1)) {
            return false;
        }
        config.problem("strides=" + (strides.length == 1 ? strides[0] : Arrays.toString(strides)) + " together with"
                + " dilation_rate=" + (dilations.length == 1 ? dilations[0] : Arrays.toString(dilations))
                + " is not supported (Keras refuses it too)");
        return true;
    }

    /** Whether data_format is channels_first ({@code false} for channels_last or absent). */
    static boolean channelsFirst(LayerConfig config) {
        String f = config.string("channels_last", "data_format", "dim_ordering");
        switch (f) {
            case "channels_last":
            case "tf":
                return false;
            case "channels_first":
            case "th":
                return true;
            default:
                config.problem("option data_format='" + f + "' is not supported (channels_last or channels_first)");
                return false;
        }
    }

    /** Axis {@code axis} (negative counts from the end) of a rank-{@code rank} tensor, or -1 after a problem. */
    static int axis(LayerConfig config, String option, int axis, int rank, boolean allowBatch) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            config.problem("option " + option + "=" + axis + " is out of range for inputs of rank " + rank);
            return -1;
        }
        if (a == 0 && !allowBatch) {
            config.problem("option " + option + "=" + axis + " is the batch axis, which keras4j does not support here");
            return -1;
        }
        return a;
    }

    /**
     * Option {@code axis} (an int or a non-empty list; -1 when absent) as sorted distinct axes of rank {@code rank}; null
     * after a problem.
     */
    static int[] axes(LayerConfig config, int rank, boolean allowBatch) {
        return axes(config, "axis", rank, allowBatch);
    }

    /** Option {@code key} read as {@link #axes(LayerConfig, int, boolean)} reads {@code axis}. */
    static int[] axes(LayerConfig config, String key, int rank, boolean allowBatch) {
        JsonNode a = config.raw(key);
        int[] raw = a == null ? new int[] {-1} : intList(config, false, key);
        if (raw == null) {
            return null;
        }
        if (raw.length == 0) {
            config.problem("option " + key + "=[] names no axis");
            return null;
        }
        int[] axes = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            axes[i] = axis(config, key, raw[i], rank, allowBatch);
            if (axes[i] < 0) {
                return null;
            }
        }
        axes = sorted(axes);
        for (int i = 1; i < axes.length; i++) {
            if (axes[i] == axes[i - 1]) {
                config.problem("option " + key + "=" + a + " names an axis twice");
                return null;
            }
        }
        return axes;
    }

    /** Reads and ignores the training options of a normalization's gamma and beta (initializers, regularizers, constraints). */
    static void ignoreGammaBetaTraining(LayerConfig config) {
        config.ignore("beta_initializer", "gamma_initializer", "beta_regularizer", "gamma_regularizer", "beta_constraint",
                "gamma_constraint");
    }

    /** The call's keyword argument {@code name}: false when absent or null, else a boolean; null after a problem. */
    static Boolean callFlag(LayerConfig config, Translation t, String name) {
        JsonNode a = t.callArgument(name);
        if (a.isMissingNode() || a.isNull() || a.isBoolean()) {
            return a.asBoolean(false);
        }
        config.problem("is called with " + name + "=" + (a.isObject() ? "a tensor" : a) + ", which must be true or false");
        return null;
    }

    /** The single input of a layer that takes one, or null after recording a problem. */
    static KTensor single(LayerConfig config, Translation t) {
        if (t.inputs().size() != 1) {
            config.problem("expects 1 input, got " + t.inputs().size());
            return null;
        }
        return t.inputs().get(0);
    }

    /** The single input of a layer that takes one of rank {@code rank}, or null after recording a problem. */
    static KTensor single(LayerConfig config, Translation t, int rank) {
        KTensor x = single(config, t);
        if (x != null && t.shape(x.value()).length != rank) {
            config.problem("takes an input of rank " + rank + ", got " + shapeText(t.shape(x.value())));
            return null;
        }
        return x;
    }

    /** The shape of a value, as Keras prints it, for messages. */
    static String shapeText(int[] shape) {
        return io.keras4j.runtime.Shapes.toString(shape);
    }

    /** The layer a wrapper holds in option {@code layer} (TimeDistributed, SpectralNormalization), or null after a problem. */
    static LayerSpec wrapped(LayerConfig config) {
        JsonNode layer = config.raw("layer");
        if (layer == null || !layer.isObject()) {
            config.problem("has no wrapped layer config");
            return null;
        }
        return new LayerSpec(layer.path("config").path("name").asText("layer"), layer.path("class_name").asText(),
                layer.path("config"), List.of());
    }

    /** Emits a one-output {@code op} on {@code inputs} and returns its output. */
    static String emit(Translation t, Op op, String... inputs) {
        return t.emit(op, List.of(inputs)).get(0);
    }

    /** Emits the elementwise {@code kind} of a and b and returns its output. */
    static String elementwise(Translation t, Elementwise.Kind kind, String a, String b) {
        return emit(t, new Elementwise(kind), a, b);
    }

    /** {@code y} plus the bias of shape {@code biasShape} (if any, broadcast), then the activation (unless linear). */
    static String biasAndActivation(Translation t, String y, float[] bias, int[] biasShape, Activation activation) {
        if (bias != null) {
            y = elementwise(t, Elementwise.Kind.ADD, y, constant(t, bias, biasShape));
        }
        return activation.isLinear() ? y : emit(t, new ActivationOp(activation), y);
    }

    /** Emits a constant and returns its value. */
    static String constant(Translation t, float[] values, int[] shape) {
        return t.emit(new Constant(values, shape), List.of()).get(0);
    }

    /** Emits a Where choosing {@code then} where {@code condition} is true (nonzero), else {@code otherwise}. */
    static String where(Translation t, String condition, String then, String otherwise) {
        return emit(t, new Where(), condition, then, otherwise);
    }

    /** Emits a constant of one value (shape {@code []}) and returns its value. */
    static String scalar(Translation t, float value) {
        return constant(t, new float[] {value}, new int[0]);
    }

    /** Emits a one-input, one-output op on x and keeps x's mask (layers that support masking pass it on). */
    static List<KTensor> passMask(Translation t, Op op, KTensor x) {
        return List.of(new KTensor(t.emit(op, List.of(x.value())).get(0), x.mask()));
    }

    /** Emits a one-input, one-output op on x; the output has no mask (layers that do not support masking drop it). */
    static List<KTensor> dropMask(Translation t, Op op, KTensor x) {
        return List.of(new KTensor(t.emit(op, List.of(x.value())).get(0), null));
    }

    /** Records a problem unless option {@code key} is absent or null. */
    static void requireNull(LayerConfig config, String key, String why) {
        JsonNode v = config.raw(key);
        if (v != null && !v.isNull()) {
            config.problem("option " + key + "=" + v + " is not supported (" + why + ")");
        }
    }

    /** Sorted copy. */
    static int[] sorted(int[] a) {
        int[] s = a.clone();
        Arrays.sort(s);
        return s;
    }
}
