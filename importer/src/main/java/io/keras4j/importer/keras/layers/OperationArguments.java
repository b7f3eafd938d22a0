package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Slice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The positional arguments of a Keras 3 operation call ({@code keras.ops.add(x, 2.0)}, {@code x[:, -1]}): tensors, in the
 * order of {@link Translation#inputs()}, and numbers, which become constants. Operations drop masks (Keras 3 passes
 * none through them), so their outputs carry none.
 */
final class OperationArguments {
    /** Larger than any axis keras4j holds and exact in float32: a slice bound that means "to the end". */
    static final int END = 1 << 30;

    /**
     * The float dtypes of a constant array: keras4j computes with its values as float32 (float64 ones within the
     * tolerance of Keras' float64 results, as {@link LayerConfig#FLOAT_DTYPES}).
     */
    private static final Set<String> FLOAT_DTYPES = Set.of("float16", "bfloat16", "float32", "float64");

    /** How many characters of an argument's JSON text, and how many values of a constant array, a message quotes. */
    private static final int QUOTED = 80;
    private static final int QUOTED_VALUES = 6;

    private OperationArguments() {
    }

    /**
     * The arguments of a call that takes {@code count} of them, each a tensor, a number or a constant array (see
     * {@link #array}), as graph values; null after a problem. Tensors must share one rank (so that broadcasting never
     * pairs the batch axis with another); an array must have a lower rank, or theirs with a first dimension of 1.
     */
    static List<String> operands(LayerConfig config, Translation t, int count) {
        JsonNode args = t.positionalArguments();
        if (!args.isArray() || args.size() != count || tensorCount(args) != t.inputs().size()) {
            config.problem("expects " + count + " positional arguments (tensors, numbers, numpy arrays or constant"
                    + " tensors), got "
                    + describe(args, t));
            return null;
        }
        List<String> out = new ArrayList<>();
        int next = 0;
        int rank = -1;
        for (JsonNode a : args) {
            if (isTensor(a)) {
                int r = t.shape(t.inputs().get(next++).value()).length;
                if (rank >= 0 && r != rank) {
                    config.problem("is given tensors of ranks " + rank + " and " + r + "; keras4j broadcasts only tensors"
                            + " of one rank (each keeps its batch axis first)");
                    return null;
                }
                rank = r;
            }
        }
        next = 0;
        for (JsonNode a : args) {
            if (isTensor(a)) {
                out.add(t.inputs().get(next++).value());
                continue;
            }
            Array c = array(a, false);
            if (c == null || c.shape().length > rank || c.shape().length == rank && c.shape()[0] != 1) {
                config.problem("argument " + quote(a) + " is not supported (a tensor, a number, or a numpy array or"
                        + " constant tensor of numbers or bools of lower rank than the tensors' " + rank + ", or of that"
                        + " rank with a first dimension of 1)");
                return null;
            }
            out.add(GeneralConfig.constant(t, c.values(), c.shape()));
        }
        return out;
    }

    /** A constant array argument: its shape and its values in row-major order. */
    record Array(int[] shape, float[] values) {
    }

    /**
     * A constant array as Keras reads it, or null: a numpy array or a constant tensor ({@code {"class_name":
     * "__numpy__"} or {@code "__tensor__"}, {@code "config": {"value": nested values, "dtype": ...}}}) whose values
     * its dtype holds (numbers for a float dtype, integers for an integer one, bools, as 1 and 0, for bool), or a
     * nested list of numbers. Null too if it is ragged or too deep, or (with {@code integers}) for a non-integer, a
     * bool or a value beyond {@link #END}.
     */
    static Array array(JsonNode v, boolean integers) {
        Predicate<JsonNode> leaf = JsonNode::isNumber;
        if (isConstant(v)) {
            String dtype = v.path("config").path("dtype").asText();
            leaf = FLOAT_DTYPES.contains(dtype) ? JsonNode::isNumber : dtype.equals("bool") ? JsonNode::isBoolean
                    : LayerConfig.INTEGER_DTYPES.matcher(dtype).matches() ? JsonNode::isIntegralNumber : null;
            v = v.path("config").path("value");
        }
        if (leaf == null) {
            return null; // a dtype that holds no numbers (string, complex) or none Keras writes
        }
        if (integers) {
            leaf = leaf.and(e -> e.isIntegralNumber() && e.canConvertToLong() && Math.abs(e.asLong()) <= END);
        }
        List<Integer> shape = new ArrayList<>();
        List<Float> values = new ArrayList<>();
        if (!flatten(v, 0, shape, values, leaf)
                || values.size() != shape.stream().mapToLong(Integer::longValue).reduce(1, Math::multiplyExact)) {
            return null; // ragged, as [3, [1, 2]]
        }
        float[] flat = new float[values.size()];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = values.get(i);
        }
        return new Array(shape.stream().mapToInt(Integer::intValue).toArray(), flat);
    }

    private static boolean flatten(JsonNode v, int depth, List<Integer> shape, List<Float> out,
            Predicate<JsonNode> leaf) {
        if (!v.isArray()) {
            out.add(v.isBoolean() ? (v.booleanValue() ? 1f : 0f) : v.floatValue());
            return depth == shape.size() && leaf.test(v);
        }
        if (depth > 8) {
            return false;
        }
        if (depth == shape.size()) {
            shape.add(v.size());
        } else if (shape.get(depth) != v.size()) {
            return false;
        }
        for (JsonNode e : v) {
            if (!flatten(e, depth + 1, shape, out, leaf)) {
                return false;
            }
        }
        return true;
    }

    /**
     * An argument as a message quotes it, briefly: a numpy array or constant tensor by dtype, shape (read along its
     * first entries) and first values; anything else as its JSON text, cut short.
     */
    static String quote(JsonNode a) {
        if (!isConstant(a)) {
            String text = a.toString();
            return text.length() <= QUOTED ? text : text.substring(0, QUOTED) + "...";
        }
        JsonNode value = a.path("config").path("value");
        List<Integer> shape = new ArrayList<>();
        for (JsonNode e = value; e.isArray() && shape.size() <= 8; e = e.path(0)) {
            shape.add(e.size());
        }
        List<String> first = new ArrayList<>();
        firstValues(value, first);
        String values = String.join(", ", first.subList(0, Math.min(first.size(), QUOTED_VALUES)))
                + (first.size() > QUOTED_VALUES ? ", ..." : "");
        return a.path("class_name").asText() + " of dtype " + a.path("config").path("dtype").asText("?") + " and shape "
                + GeneralConfig.shapeText(shape.stream().mapToInt(Integer::intValue).toArray()) + " ["
                + (value.isArray() ? values : value.toString()) + "]";
    }

    /** The first leaves of nested values, in order, one more than a message quotes (to tell that there are more). */
    private static void firstValues(JsonNode v, List<String> out) {
        if (!v.isArray()) {
            out.add(v.toString());
            return;
        }
        for (int i = 0; i < v.size() && out.size() <= QUOTED_VALUES; i++) {
            firstValues(v.get(i), out);
        }
    }

    /** Whether an argument is a numpy array ({@code __numpy__}) or a constant tensor ({@code __tensor__}). */
    static boolean isConstant(JsonNode a) {
        String c = a.path("class_name").asText();
        return a.isObject() && (c.equals("__numpy__") || c.equals("__tensor__"));
    }

    /**
     * The tensor an operation is called on, given first of {@code count} positional arguments whose others are not
     * tensors; null after a problem, which says the call {@code expects} what it names.
     */
    static KTensor first(LayerConfig config, Translation t, int count, String expects) {
        JsonNode args = t.positionalArguments();
        if (!args.isArray() || args.size() != count || !isTensor(args.get(0)) || t.inputs().size() != 1) {
            config.problem("expects " + expects + " as positional arguments, got " + describe(args, t));
            return null;
        }
        return t.inputs().get(0);
    }

    /** The single tensor an operation of one argument is called on, or null after a problem. */
    static KTensor single(LayerConfig config, Translation t) {
        JsonNode args = t.positionalArguments();
        if (!args.isArray() || args.size() != 1 || !isTensor(args.get(0)) || t.inputs().size() != 1) {
            config.problem("expects one tensor argument, got " + describe(args, t));
            return null;
        }
        return t.inputs().get(0);
    }

    /**
     * Option {@code axis} of an operation on {@code x}: an int or a non-empty list (see {@link GeneralConfig#axes}), not
     * the batch axis; None, which takes every axis, refused because {@code none} (why that matters). Null after a
     * problem (or when x is null).
     */
    static long[] axes(LayerConfig config, Translation t, KTensor x, String none) {
        JsonNode a = config.raw("axis");
        if (a == null || a.isNull()) {
            config.problem("option axis=None is not supported (" + none + ")");
            return null;
        }
        int[] axes = x == null ? null : GeneralConfig.axes(config, t.shape(x.value()).length, false);
        return axes == null ? null : Arrays.stream(axes).asLongStream().toArray();
    }

    /** Option {@code axis} of an operation on {@code x} that takes one axis (see {@link #axes}); -1 after a problem. */
    static int axis(LayerConfig config, Translation t, KTensor x, String none) {
        long[] axes = axes(config, t, x, none);
        if (axes != null && axes.length != 1) {
            config.problem("option axis=" + config.raw("axis") + " is not supported (one axis)");
            return -1;
        }
        return axes == null ? -1 : (int) axes[0];
    }

    /**
     * Emits a Slice of {@code x} with constant bounds and returns its value: one row {@code {start, stop, axis, step}}
     * per sliced axis, as ONNX Slice takes them (stop exclusive, clamped to the axis).
     */
    static String slice(Translation t, String x, List<float[]> rows) {
        List<String> ins = new ArrayList<>(List.of(x));
        for (int k = 0; k < 4; k++) {
            float[] column = new float[rows.size()];
            for (int i = 0; i < column.length; i++) {
                column[i] = rows.get(i)[k];
            }
            ins.add(GeneralConfig.constant(t, column, new int[] {column.length}));
        }
        return t.emit(new Slice(5), ins).get(0);
    }

    static boolean isTensor(JsonNode a) {
        return a.isObject() && "__keras_tensor__".equals(a.path("class_name").asText());
    }

    private static int tensorCount(JsonNode v) {
        int n = isTensor(v) ? 1 : 0;
        if (v.isArray()) {
            for (JsonNode e : v) {
                n += tensorCount(e);
            }
        }
        return n;
    }

    /** What a call was given, for messages (tensors passed by keyword are not supported). */
    private static String describe(JsonNode args, Translation t) {
        int positional = args.isArray() ? args.size() : 0;
        return positional + " positional arguments holding " + tensorCount(args) + " of its " + t.inputs().size()
                + " tensors";
    }
}
