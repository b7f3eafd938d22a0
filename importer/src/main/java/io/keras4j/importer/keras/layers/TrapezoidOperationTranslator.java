package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Elementwise;
import io.keras4j.runtime.ops.primitive.Reduce;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.trapezoid(y, x=None, dx=1.0, axis=-1)} in the float32 steps of Keras' TensorFlow backend:
 * {@code sum(0.5 · (y[1:] + y[:-1]) · dx)} along {@code axis} (one int, not the batch axis, its length known at import),
 * dx the number {@code dx} or, where {@code x} is given (a list of numbers, the axis's length, with {@code axis} -1, as
 * Keras' TensorFlow backend requires of one axis), {@code x[1:] - x[:-1]} in float32.
 */
final class TrapezoidOperationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor y = OperationArguments.single(config, t);
        int axis = OperationArguments.axis(config, t, y, "it integrates over the flattened input, batch included");
        double dx = config.number(1.0, "dx");
        JsonNode xArg = config.raw("x");
        if (axis < 0) {
            return List.of(t.unavailable());
        }
        int[] shape = t.shape(y.value());
        int n = shape[axis];
        if (n < 1) {
            config.problem("input shape " + GeneralConfig.shapeText(shape) + " has no known size on axis " + axis
                    + ", which it integrates over");
            return List.of(t.unavailable());
        }
        String step;
        if (xArg == null || xArg.isNull()) {
            step = GeneralConfig.scalar(t, (float) dx);
        } else {
            OperationArguments.Array x = OperationArguments.array(xArg, false);
            if (x == null || x.shape().length != 1 || x.shape()[0] != n || config.number(-1, "axis") != -1) {
                config.problem("option x=" + OperationArguments.quote(xArg) + " is not supported with axis="
                        + config.raw("axis") + " (a list of " + n + " numbers, the axis's length, with axis -1)");
                return List.of(t.unavailable());
            }
            float[] d = new float[n - 1];
            for (int i = 0; i < d.length; i++) {
                d[i] = x.values()[i + 1] - x.values()[i];
            }
            step = GeneralConfig.constant(t, d, new int[] {d.length});
        }
        String upper = OperationArguments.slice(t, y.value(), List.of(new float[] {1, OperationArguments.END, axis, 1}));
        String lower = OperationArguments.slice(t, y.value(), List.of(new float[] {0, n - 1, axis, 1}));
        String heights = GeneralConfig.elementwise(t, Elementwise.Kind.MUL, GeneralConfig.scalar(t, 0.5f),
                GeneralConfig.elementwise(t, Elementwise.Kind.ADD, upper, lower));
        String areas = GeneralConfig.elementwise(t, Elementwise.Kind.MUL, heights, step);
        return GeneralConfig.dropMask(t, new Reduce(Reduce.Kind.SUM, new long[] {axis}, false), new KTensor(areas, null));
    }
}
