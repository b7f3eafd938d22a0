package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.AbsMaxQuantization;
import io.keras4j.runtime.ops.primitive.Elementwise;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Keras 3 int8 quantization ({@code model.quantize("int8")}) of a Dense layer, or of an EinsumDense run as one: an int8
 * kernel with a float32 scale per output unit and, unless the layer's {@code quantization_config} has no activation quantizer, inputs quantized per row
 * by Keras' {@code AbsMaxQuantizer} (over the last axis, whatever axis it names, as Keras calls it); the product is divided by the kernel's scale times the inputs' scale, as Keras
 * computes it.
 */
final class Int8Quantization {
    /** Keras' {@code backend.epsilon()}, the AbsMaxQuantizer's default. */
    private static final double KERAS_EPSILON = 1e-7;

    /** How the inputs are quantized, or null when only the kernel is. */
    private final AbsMaxQuantization inputs;

    private Int8Quantization(AbsMaxQuantization inputs) {
        this.inputs = inputs;
    }

    /**
     * The layer's int8 quantization, or null for a float layer and, after recording a problem, for another mode
     * (int4, float8, gptq, ...; its quantization_config is then not quoted) or quantizer.
     */
    static Int8Quantization read(LayerConfig config) {
        String mode = config.quantizationMode();
        if (mode == null) {
            GeneralConfig.requireNull(config, "quantization_config", "the layer's dtype policy is not quantized");
            return null;
        }
        JsonNode q = config.raw("quantization_config");
        if (!mode.equals("int8")) {
            config.problem("quantization mode " + mode + " is not supported (int8 only)");
            return null;
        }
        if (q == null || q.isNull()) { // saved before Keras wrote the config: the default quantizer
            return new Int8Quantization(new AbsMaxQuantization(-127, 127, (float) KERAS_EPSILON));
        }
        if (!q.path("class_name").asText().equals("Int8QuantizationConfig")) {
            config.problem("option quantization_config=" + q + " is not supported (an Int8QuantizationConfig)");
            return null;
        }
        JsonNode a = q.path("config").path("activation_quantizer");
        if (a.isMissingNode() || a.isNull()) {
            return new Int8Quantization(null);
        }
        JsonNode c = a.path("config");
        JsonNode range = c.path("value_range");
        if (!a.path("class_name").asText().equals("AbsMaxQuantizer") || !range.isArray() || range.size() != 2
                || !c.path("output_dtype").asText("int8").equals("int8")) {
            config.problem("activation_quantizer=" + a + " of option quantization_config is not supported (an"
                    + " AbsMaxQuantizer to int8, or none)");
            return null;
        }
        return new Int8Quantization(new AbsMaxQuantization(range.get(0).floatValue(), range.get(1).floatValue(),
                (float) c.path("epsilon").asDouble(KERAS_EPSILON)));
    }

    /**
     * Emits the quantized layer's product of {@code x}, de-scaled: {@code product} emits the product of its argument (x,
     * or x quantized) by the int8 kernel's values; the result is divided by {@code kernelScale} (one per output unit),
     * times the inputs' scale when they are quantized.
     */
    String product(Translation t, String x, float[] kernelScale, UnaryOperator<String> product) {
        String scale = GeneralConfig.constant(t, kernelScale, new int[] {kernelScale.length});
        if (inputs == null) {
            return GeneralConfig.elementwise(t, Elementwise.Kind.DIV, product.apply(x), scale);
        }
        List<String> quantized = t.emit(inputs, List.of(x));
        String outputScale = GeneralConfig.elementwise(t, Elementwise.Kind.MUL, scale, quantized.get(1));
        return GeneralConfig.elementwise(t, Elementwise.Kind.DIV, product.apply(quantized.get(0)), outputScale);
    }
}
