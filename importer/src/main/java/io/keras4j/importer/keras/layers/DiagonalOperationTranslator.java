package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Einsum;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.diagonal(x, offset, axis1, axis2)} (the diagonal {@code x[.., i, .., i + offset, ..]} of the
 * planes of two axes, as a last axis after x's others, as numpy) and {@code keras.ops.trace} (its sum): a Slice to the
 * square that diagonal crosses, then an Einsum that names both axes with one letter. {@code axis1} and {@code axis2}
 * two different axes, not the batch axis, of sizes known at import; an offset that leaves the plane refused (Keras
 * gives an empty diagonal).
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
        double o = config.number(0, "offset");
        if (o != Math.rint(o) || Math.abs(o) > OperationArguments.END) {
            config.problem("option offset=" + config.raw("offset") + " must be an integer");
        }
        int offset = (int) o;
        if (x == null || config.hasProblems()) {
            return List.of(t.unavailable());
        }
        int[] shape = t.shape(x.value());
        int a = GeneralConfig.axis(config, "axis1", (int) config.number(0, "axis1"), shape.length, false);
        int b = GeneralConfig.axis(config, "axis2", (int) config.number(1, "axis2"), shape.length, false);
        if (a < 0 || b < 0) {
            return List.of(t.unavailable());
        }
        int startA = Math.max(0, -offset);
        int startB = Math.max(0, offset);
        int length = Math.min(shape[a] - startA, shape[b] - startB);
        if (a == b || shape[a] < 0 || shape[b] < 0 || length <= 0) {
            config.problem("options axis1=" + config.raw("axis1") + ", axis2=" + config.raw("axis2") + " and offset="
                    + offset + " are not supported for an input of " + GeneralConfig.shapeText(shape)
                    + " (two different axes of sizes known at import, an offset inside their plane)");
            return List.of(t.unavailable());
        }
        String square = x.value();
        if (length != shape[a] || length != shape[b]) {
            List<float[]> rows = new ArrayList<>();
            rows.add(new float[] {startA, startA + length, a, 1});
            rows.add(new float[] {startB, startB + length, b, 1});
            square = OperationArguments.slice(t, square, rows);
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
        return List.of(new KTensor(GeneralConfig.emit(t, new Einsum(equation), square), null));
    }
}
