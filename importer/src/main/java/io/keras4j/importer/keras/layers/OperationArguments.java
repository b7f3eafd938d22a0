package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Slice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The positional arguments of a Keras 3 operation call ({@code keras.ops.add(x, 2.0)}, {@code x[:, -1]}): tensors, in the
 * order of {@link Translation#inputs()}, and numbers, which become constants. Operations drop masks (Keras 3 passes
 * none through them), so their outputs carry none.
 */
final class OperationArguments {
    /** Larger than any axis keras4j holds and exact in float32: a slice bound that means "to the end". */
    static final int END = 1 << 30;

    private OperationArguments() {
    }

    /**
     * The arguments of a call that takes {@code count} of them, each a tensor or a number, as graph values; null after a
     * problem. Tensors must share one rank (so that broadcasting never pairs the batch axis with another).
     */
    static List<String> operands(LayerConfig config, Translation t, int count) {
        JsonNode args = t.positionalArguments();
        if (!args.isArray() || args.size() != count || tensorCount(args) != t.inputs().size()) {
            config.problem("expects " + count + " positional arguments (tensors or numbers), got " + describe(args, t));
            return null;
        }
        List<String> out = new ArrayList<>();
        int next = 0;
        int rank = -1;
        for (JsonNode a : args) {
            if (isTensor(a)) {
                KTensor x = t.inputs().get(next++);
                int r = t.shape(x.value()).length;
                if (rank >= 0 && r != rank) {
                    config.problem("is given tensors of ranks " + rank + " and " + r + "; keras4j broadcasts only tensors"
                            + " of one rank (each keeps its batch axis first)");
                    return null;
                }
                rank = r;
                out.add(x.value());
            } else if (a.isNumber()) {
                out.add(GeneralConfig.constant(t, new float[] {a.floatValue()}, new int[0]));
            } else {
                config.problem("argument " + a + " is not supported (a tensor or a number)");
                return null;
            }
        }
        return out;
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
