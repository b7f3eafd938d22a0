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
    /** Keras' {@code backend.epsilon()}, the default epsilon of its operations, unless a keras.json sets another. */
    static final double KERAS_EPSILON = 1e-7;

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
        List<JsonNode> all = new ArrayList<>();
        args.forEach(all::add);
        return operands(config, t, all);
    }

    /**
     * Arguments {@code args}, which hold the call's tensors in order and nothing else, each a tensor, a number or a
     * constant array, as graph values (see {@link #operands(LayerConfig, Translation, int)}); null after a problem.
     */
    static List<String> operands(LayerConfig config, Translation t, List<JsonNode> args) {
        List<String> out = new ArrayList<>();
        int rank = t.inputs().isEmpty() ? -1 : t.shape(t.inputs().get(0).value()).length;
        int next = 0;
        for (JsonNode a : args) {
            String v = operand(config, t, a, isTensor(a) ? t.inputs().get(next++) : null, rank);
            if (v == null) {
                return null;
            }
            out.add(v);
        }
        return out;
    }

    /**
     * Argument {@code a} of a call whose tensors have rank {@code rank} as a graph value: {@code tensor}'s where it is a
     * tensor (of that rank), else a number or a constant array of lower rank, or of that rank with a first dimension of 1,
     * emitted as a constant; null after a problem.
     */
    private static String operand(LayerConfig config, Translation t, JsonNode a, KTensor tensor, int rank) {
        if (tensor != null) {
            int r = t.shape(tensor.value()).length;
            if (r == rank) {
                return tensor.value();
            }
            config.problem("is given tensors of ranks " + rank + " and " + r + "; keras4j broadcasts only tensors"
                    + " of one rank (each keeps its batch axis first)");
            return null;
        }
        Array c = array(a, false);
        if (c == null || c.shape().length > rank || c.shape().length == rank && c.shape()[0] != 1) {
            config.problem("argument " + quote(a) + " is not supported (a tensor, a number, or a numpy array or"
                    + " constant tensor of numbers or bools of lower rank than the tensors' " + rank + ", or of that"
                    + " rank with a first dimension of 1)");
            return null;
        }
        return GeneralConfig.constant(t, c.values(), c.shape());
    }

    /**
     * Keyword argument {@code name} of an operation on tensors of rank {@code rank} (see {@link #operand}) as a graph
     * value; null where it is missing or None, and after a problem (see {@link LayerConfig#hasProblems}).
     */
    static String keyword(LayerConfig config, Translation t, String name, int rank) {
        JsonNode a = t.keywordArguments().path(name);
        if (a.isMissingNode() || a.isNull()) {
            return null;
        }
        int index = tensorCount(t.positionalArguments());
        for (var it = t.keywordArguments().fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().equals(name)) {
                break;
            }
            index += tensorCount(e.getValue());
        }
        return operand(config, t, a, isTensor(a) ? t.inputs().get(index) : null, rank);
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
        return axes(config, "axis", t, x, none);
    }

    /** Option {@code key} read as {@link #axes(LayerConfig, Translation, KTensor, String)} reads {@code axis}. */
    static long[] axes(LayerConfig config, String key, Translation t, KTensor x, String none) {
        JsonNode a = config.raw(key);
        if (a == null || a.isNull()) {
            config.problem("option " + key + "=None is not supported (" + none + ")");
            return null;
        }
        int[] axes = x == null ? null : GeneralConfig.axes(config, key, t.shape(x.value()).length, false);
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
     * What a normalization operation ({@code ops.rms_normalization}, {@code ops.layer_normalization}) is called on: its
     * tensor, the first of {@code count} positional arguments (see {@link #leading}); option {@code axis} (see {@link
     * #axes}), sorted, and the sizes of those axes, which must be known at import; option {@code epsilon}, None meaning
     * {@link #KERAS_EPSILON}.
     */
    record Normalized(KTensor x, int[] axes, int[] sizes, double epsilon) {
        /** The call's normalization, or null after a problem, which says the call {@code expects} what it names. */
        static Normalized of(LayerConfig config, Translation t, int count, String expects) {
            List<KTensor> in = leading(config, t, count, 1, expects);
            KTensor x = in == null ? null : in.get(0);
            double epsilon = config.number(KERAS_EPSILON, "epsilon");
            long[] axes = OperationArguments.axes(config, t, x, "it normalizes over the batch axis too");
            if (axes == null) {
                return null;
            }
            int[] shape = t.shape(x.value());
            int[] sizes = new int[axes.length];
            for (int i = 0; i < axes.length; i++) {
                sizes[i] = shape[(int) axes[i]];
                if (sizes[i] <= 0) {
                    config.problem("input shape " + GeneralConfig.shapeText(shape) + " has no known size on axis "
                            + axes[i] + ", which it normalizes over");
                    return null;
                }
            }
            return new Normalized(x, Arrays.stream(axes).mapToInt(a -> (int) a).toArray(), sizes, epsilon);
        }

        int rank(Translation t) {
            return t.shape(x.value()).length;
        }
    }

    /**
     * The first {@code tensors} of the {@code count} positional arguments of a call, which must be tensors (the others,
     * and its keyword arguments, are read with {@link #positional} and {@link #keyword}); null after a problem, which
     * says the call {@code expects} what it names.
     */
    static List<KTensor> leading(LayerConfig config, Translation t, int count, int tensors, String expects) {
        JsonNode args = t.positionalArguments();
        boolean ok = args.isArray() && args.size() == count;
        for (int i = 0; ok && i < tensors; i++) {
            ok = isTensor(args.get(i));
        }
        if (!ok) {
            config.problem("expects " + expects + " as positional arguments, got " + describe(args, t));
            return null;
        }
        return t.inputs().subList(0, tensors);
    }

    /**
     * Positional argument {@code i} of an operation on tensors of rank {@code rank} (see {@link #operand}) as a graph
     * value; null where it is None, and after a problem (see {@link LayerConfig#hasProblems}).
     */
    static String positional(LayerConfig config, Translation t, int i, int rank) {
        JsonNode args = t.positionalArguments();
        JsonNode a = args.path(i);
        if (a.isMissingNode() || a.isNull()) {
            return null;
        }
        int index = 0;
        for (int k = 0; k < i; k++) {
            index += tensorCount(args.get(k));
        }
        return operand(config, t, a, isTensor(a) ? t.inputs().get(index) : null, rank);
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
