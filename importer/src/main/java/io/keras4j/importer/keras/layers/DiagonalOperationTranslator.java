package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Einsum;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.diagonal(x, offset, axis1, axis2)} (the main diagonal of the planes of two axes, as a last
 * axis after x's others, as numpy) and {@code keras.ops.trace} (its sum): an Einsum that names both axes with one
 * letter. {@code axis1} and {@code axis2} two different axes, not the batch axis, of one size known at import;
 * {@code offset} 0 only.
 */
final class DiagonalOperationTranslator implements LayerTranslator {
    private final boolean trace;

    DiagonalOperationTranslator(boolean trace) {
        this.trace = trace;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        config.readLater("axis1", "axis2");
        KTensor x = OperationArguments.single(config, t);
        if (config.number(0, "offset") != 0) {
            config.problem("option offset=" + config.raw("offset") + " is not supported (0 only)");
        }
        if (x == null || config.hasProblems()) {
            return List.of(t.unavailable());
        }
        int[] shape = t.shape(x.value());
        int a = GeneralConfig.axis(config, "axis1", (int) config.number(0, "axis1"), shape.length, false);
        int b = GeneralConfig.axis(config, "axis2", (int) config.number(1, "axis2"), shape.length, false);
        if (a < 0 || b < 0) {
            return List.of(t.unavailable());
        }
        if (a == b || shape[a] != shape[b] || shape[a] < 0) {
            config.problem("options axis1=" + config.raw("axis1") + " and axis2=" + config.raw("axis2") + " are not"
                    + " supported for an input of " + GeneralConfig.shapeText(shape) + " (two different axes of one size"
                    + " known at import)");
            return List.of(t.unavailable());
        }
        StringBuilder in = new StringBuilder();
        StringBuilder out = new StringBuilder();
        for (int d = 0; d < shape.length; d++) {
            char letter = (char) ('a' + (d == b ? a : d));
            in.append(letter);
            if (d != a && d != b) {
                out.append(letter);
            }
        }
        String equation = in + "->" + out + (trace ? "" : String.valueOf((char) ('a' + a)));
        return List.of(new KTensor(GeneralConfig.emit(t, new Einsum(equation), x.value()), null));
    }
}
