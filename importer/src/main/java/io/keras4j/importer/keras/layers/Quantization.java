package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.importer.keras.Weight;
import io.keras4j.runtime.ops.primitive.AbsMaxQuantization;
import io.keras4j.runtime.ops.primitive.Elementwise;
import io.keras4j.runtime.ops.primitive.Float8Quantization;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Keras 3 quantization ({@code quantize(mode)}) of a Dense, EinsumDense or Embedding layer, computed as Keras' TensorFlow
 * backend computes it:
 * <ul>
 * <li>int8: an int8 kernel with a float32 scale per output unit; unless {@code quantization_config} has no activation
 * quantizer, the inputs quantized per row by Keras' {@code AbsMaxQuantizer}; the product divided by the kernel's scale
 * times the inputs' scale.</li>
 * <li>int4 ({@code int4/<block size>}): the kernel's int4 values, two per byte (low nibble first) along its output
 * axis, unpacked here. Per channel (block size -1), as int8 (an EinsumDense divides its kernel by the scale first, then
 * the product by the inputs' scale only); in groups of {@code block_size} input rows, the kernel de-quantized here as
 * {@code (q - kernel_zero) · kernel_scale} of its row's group ({@code g_idx}), the inputs not quantized.</li>
 * <li>float8: the kernel and the inputs each quantized to e4m3fn and back with their stored scale
 * ({@link Float8Quantization}; the amax histories and gradient scales matter only to training), the bias rounded to
 * bfloat16, as Keras rounds it in float32.</li>
 * </ul>
 */
final class Quantization {
    /** Keras' {@code backend.epsilon()}, the AbsMaxQuantizer's default. */
    private static final double KERAS_EPSILON = 1e-7;

    private enum Mode { INT8, INT4, FLOAT8 }

    /**
     * A quantized layer's kernel as its product multiplies it: {@code values} (int8 or int4 ones, or float ones
     * de-quantized here), {@code scale} to divide the product by, one per output unit (null when de-quantized), and
     * the inputs' float8 quantization (or null).
     */
    record Kernel(float[] values, float[] scale, Float8Quantization float8Inputs) {
    }

    private final Mode mode;
    /** int4: input rows per group of scales, or -1 for one scale per output unit. */
    private final int blockSize;
    /** How an int8 or int4 layer quantizes its inputs, or null when only the kernel is. */
    private final AbsMaxQuantization inputs;

    private Quantization(Mode mode, int blockSize, AbsMaxQuantization inputs) {
        this.mode = mode;
        this.blockSize = blockSize;
        this.inputs = inputs;
    }

    /**
     * The layer's quantization, or null for a float layer and, after recording a problem, for another mode (gptq, awq,
     * ...; its quantization_config is then not quoted) or quantizer.
     */
    static Quantization read(LayerConfig config) {
        String mode = config.quantizationMode();
        if (mode == null) {
            GeneralConfig.requireNull(config, "quantization_config", "the layer's dtype policy is not quantized");
            return null;
        }
        JsonNode q = config.raw("quantization_config");
        boolean noConfig = q == null || q.isNull(); // saved before Keras wrote the config: the mode's defaults
        String expected = mode.equals("int8") ? "Int8QuantizationConfig" : mode.equals("float8")
                ? "Float8QuantizationConfig" : mode.matches("int4/(-1|[1-9][0-9]{0,8})") ? "Int4QuantizationConfig" : null;
        if (expected == null) {
            config.problem("quantization mode " + mode + " is not supported (int8, int4/<block size> and float8)");
            return null;
        }
        if (!noConfig && !q.path("class_name").asText().equals(expected)) {
            config.problem("option quantization_config=" + q + " is not supported (mode " + mode + ": "
                    + expected + ")");
            return null;
        }
        if (mode.equals("float8")) {
            return new Quantization(Mode.FLOAT8, -1, null);
        }
        if (mode.equals("int8")) {
            return noConfig ? new Quantization(Mode.INT8, -1, new AbsMaxQuantization(-127, 127, (float) KERAS_EPSILON))
                    : activationQuantizer(config, q, Mode.INT8, -1);
        }
        // int4: the config's block size rules, as Keras reads it (None: per channel), else the dtype policy's
        JsonNode block = noConfig ? null : q.path("config").path("block_size");
        int blockSize = block == null || block.isMissingNode() ? Integer.parseInt(mode.substring(5))
                : block.isNull() ? -1 : block.asInt();
        if (blockSize == 0 || blockSize < -1) {
            config.problem("block_size=" + block + " of option quantization_config is not supported (-1 or positive)");
            return null;
        }
        return noConfig ? new Quantization(Mode.INT4, blockSize, null) : activationQuantizer(config, q, Mode.INT4, blockSize);
    }

    /** The quantization with the activation quantizer of config {@code q}: none, or an AbsMaxQuantizer to int8. */
    private static Quantization activationQuantizer(LayerConfig config, JsonNode q, Mode mode, int blockSize) {
        JsonNode a = q.path("config").path("activation_quantizer");
        if (a.isMissingNode() || a.isNull()) {
            return new Quantization(mode, blockSize, null);
        }
        JsonNode c = a.path("config");
        JsonNode range = c.path("value_range");
        if (!a.path("class_name").asText().equals("AbsMaxQuantizer") || !range.isArray() || range.size() != 2
                || !c.path("output_dtype").asText("int8").equals("int8") || blockSize != -1) {
            config.problem("activation_quantizer=" + a + " of option quantization_config is not supported (an"
                    + " AbsMaxQuantizer to int8, or none" + (mode == Mode.INT4 ? ", with block_size -1" : "") + ")");
            return null;
        }
        return new Quantization(mode, blockSize, new AbsMaxQuantization(range.get(0).floatValue(),
                range.get(1).floatValue(), (float) c.path("epsilon").asDouble(KERAS_EPSILON)));
    }

    /** Whether the kernel is stored packed, two int4 values per byte, flattened to {@code [rows, columns / 2]}. */
    boolean packed() {
        return mode == Mode.INT4;
    }

    /** Whether the product is divided by the inputs' or the kernel's scale (so needs a Dense-like product). */
    boolean scalesProduct(Kernel kernel) {
        return inputs != null || kernel.scale() != null;
    }

    /**
     * The names of the weights a layer stores: {@code plain}, those of its float form (the kernel or embeddings
     * first), then, if {@code quantization} is not null, its own, in Keras' order.
     */
    static List<String> weightNames(Quantization quantization, List<String> plain) {
        if (quantization == null) {
            return plain;
        }
        List<String> names = new ArrayList<>(plain);
        String kernel = plain.get(0);
        names.addAll(quantization.mode == Mode.FLOAT8 ? List.of("inputs_scale", "inputs_amax_history", "kernel_scale",
                "kernel_amax_history", "outputs_grad_scale", "outputs_grad_amax_history")
                : quantization.grouped() ? List.of(kernel + "_scale", kernel + "_zero", "g_idx") : List.of(kernel + "_scale"));
        return names;
    }

    private boolean grouped() {
        return mode == Mode.INT4 && blockSize > 0;
    }

    /**
     * The kernel of a Dense or EinsumDense: {@code weights.get(0)} the stored kernel (of {@code shape} unless int4:
     * {@code rows · columns} values, rows the kernel's axes the product contracts, columns the others, the output
     * units), its other weights from {@code first} on, named by {@link #weightNames}; with {@code descale} a
     * per-channel int4 kernel is divided by its scale here (EinsumDense). Null after recording a problem when a
     * weight's shape is not the config's.
     */
    Kernel kernel(LayerConfig config, List<Weight> weights, int first, long[] shape, int rows, int columns,
                  boolean descale) {
        float[] q = mode == Mode.INT4 ? unpackInt4(config, weights.get(0), rows, columns)
                : LayerWeights.take(config, weights, 0, "kernel", shape);
        if (q == null) {
            return null;
        }
        if (mode == Mode.FLOAT8) {
            float[] inputScale = LayerWeights.take(config, weights, first, "inputs_scale");
            float[] scale = LayerWeights.take(config, weights, first + 2, "kernel_scale");
            if (scale == null || inputScale == null) {
                return null;
            }
            float[] values = new float[q.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = Float8Quantization.quantizeDequantize(q[i], scale[0]);
            }
            return new Kernel(values, null, new Float8Quantization(inputScale[0]));
        }
        if (grouped()) {
            float[] values = dequantizeGrouped(config, q, weights, first, "kernel", rows, columns, true);
            return values == null ? null : new Kernel(values, null, null);
        }
        Weight scaleWeight = weights.get(first);
        float[] scale = scaleWeight.values();
        if (scale.length != columns) { // an EinsumDense's int8 scale is shaped to broadcast against its output
            config.problem("kernel_scale '" + scaleWeight.path() + "' has shape " + scaleWeight.shapeText()
                    + " but the config implies " + columns + " values, one per output unit");
            return null;
        }
        if (mode == Mode.INT4 && descale) {
            float[] values = new float[q.length];
            for (int i = 0; i < q.length; i++) {
                values[i] = q[i] / scale[i % columns];
            }
            return new Kernel(values, null, null);
        }
        return new Kernel(q, scale, null);
    }

    /** Whether this mode quantizes an Embedding's table (int8, int4); records a problem for float8. */
    boolean quantizesTable(LayerConfig config) {
        if (mode == Mode.FLOAT8) {
            config.problem("quantization mode float8 is not supported for an Embedding (Keras quantizes one to int8 or"
                    + " int4)");
        }
        return mode != Mode.FLOAT8;
    }

    /**
     * An Embedding's table of {@code inputDim} rows of {@code outputDim}, de-quantized as Keras de-quantizes the rows
     * it takes (its int values divided by the row's scale; int4 in groups of {@code block_size} columns:
     * {@code (q - embeddings_zero) · embeddings_scale} of the row and the column's group). Null after recording a
     * problem.
     */
    float[] embeddings(LayerConfig config, List<Weight> weights, int inputDim, int outputDim) {
        float[] q = mode == Mode.INT8 ? LayerWeights.take(config, weights, 0, "embeddings", inputDim, outputDim)
                : unpackInt4(config, weights.get(0), inputDim, outputDim);
        if (q == null || grouped()) {
            return q == null ? null : dequantizeGrouped(config, q, weights, 1, "embeddings", inputDim, outputDim, false);
        }
        float[] scale = LayerWeights.take(config, weights, 1, "embeddings_scale", inputDim);
        if (scale == null) {
            return null;
        }
        for (int i = 0; i < q.length; i++) {
            q[i] /= scale[i / outputDim];
        }
        return q;
    }

    /** {@code bias} as the quantized layer adds it: float8 rounds it to bfloat16 (to nearest, ties to even). */
    float[] bias(float[] bias) {
        if (mode != Mode.FLOAT8 || bias == null) {
            return bias;
        }
        float[] b = new float[bias.length];
        for (int i = 0; i < b.length; i++) {
            int bits = Float.floatToRawIntBits(bias[i]);
            b[i] = Float.isNaN(bias[i]) ? bias[i]
                    : Float.intBitsToFloat((bits + 0x7FFF + ((bits >>> 16) & 1)) & 0xFFFF0000);
        }
        return b;
    }

    /**
     * Emits the quantized layer's product of {@code x}, de-scaled: {@code product} emits the product of its argument
     * (x, or x quantized) by the kernel's values; the result is divided by the kernel's scale, when it has one, times
     * the inputs' scale when they are quantized.
     */
    String product(Translation t, String x, Kernel kernel, UnaryOperator<String> product) {
        if (kernel.float8Inputs() != null) {
            return product.apply(GeneralConfig.emit(t, kernel.float8Inputs(), x));
        }
        String scale = kernel.scale() == null ? null
                : GeneralConfig.constant(t, kernel.scale(), new int[] {kernel.scale().length});
        if (inputs == null) {
            return scale == null ? product.apply(x) : GeneralConfig.elementwise(t, Elementwise.Kind.DIV, product.apply(x), scale);
        }
        List<String> quantized = t.emit(inputs, List.of(x));
        String outputScale = scale == null ? quantized.get(1)
                : GeneralConfig.elementwise(t, Elementwise.Kind.MUL, scale, quantized.get(1));
        return GeneralConfig.elementwise(t, Elementwise.Kind.DIV, product.apply(quantized.get(0)), outputScale);
    }

    /**
     * The int4 values of {@code packed}, a {@code [rows, ceil(columns / 2)]} int8 array holding two per byte along its
     * last axis (the low nibble first), as {@code [rows, columns]}. Null after recording a problem.
     */
    private static float[] unpackInt4(LayerConfig config, Weight packed, int rows, int columns) {
        int half = (columns + 1) / 2;
        if (!packed.hasShape(rows, half)) {
            config.problem("packed int4 weight '" + packed.path() + "' has shape " + packed.shapeText()
                    + " but the config implies (" + rows + ", " + half + ")");
            return null;
        }
        float[] bytes = packed.values();
        float[] q = new float[rows * columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                int b = (int) bytes[r * half + c / 2] >> (c % 2 == 0 ? 0 : 4);
                q[r * columns + c] = ((b & 0xF) ^ 8) - 8; // the nibble as a signed int4
            }
        }
        return q;
    }

    /**
     * {@code (q - zero) · scale} of each entry's group, as Keras' {@code dequantize_with_sz_map} (in float32), in
     * place: q the {@code [rows, columns]} int4 values; the {@code name}'s scales and zero points and {@code g_idx}
     * from weight {@code first} on; groups along the rows (a kernel: scales {@code [groups, columns]}) or the columns
     * (a table: {@code [rows, groups]}). Null after recording a problem.
     */
    private float[] dequantizeGrouped(LayerConfig config, float[] q, List<Weight> weights, int first, String name,
                                      int rows, int columns, boolean alongRows) {
        int along = alongRows ? rows : columns;
        int groups = (along + blockSize - 1) / blockSize;
        long[] groupShape = alongRows ? new long[] {groups, columns} : new long[] {rows, groups};
        float[] scale = LayerWeights.take(config, weights, first, name + "_scale", groupShape);
        float[] zero = LayerWeights.take(config, weights, first + 1, name + "_zero", groupShape);
        float[] index = LayerWeights.take(config, weights, first + 2, "g_idx", along);
        if (scale == null || zero == null || index == null) {
            return null;
        }
        for (float g : index) {
            if (!(g >= 0 && g < groups && g == (int) g)) {
                config.problem("g_idx holds " + g + ", not a group index below " + groups);
                return null;
            }
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                int g = (int) index[alongRows ? r : c];
                int at = alongRows ? g * columns + c : r * groups + g;
                q[r * columns + c] = (q[r * columns + c] - zero[at]) * scale[at];
            }
        }
        return q;
    }
}
