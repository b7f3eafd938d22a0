package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.ActivationOp;
import io.keras4j.runtime.ops.primitive.Elementwise;
import io.keras4j.runtime.ops.primitive.Gather;
import io.keras4j.runtime.ops.primitive.Reduce;
import io.keras4j.runtime.ops.primitive.TopK;
import io.keras4j.runtime.ops.primitive.Where;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.quantile(x, q, axis, method, keepdims)}, {@code keras.ops.median(x, axis, keepdims)} (the
 * quantile 0.5) and {@code keras.ops.percentile(x, q, ...)} (the quantile {@code q / 100}, divided in float32) as Keras'
 * TensorFlow backend computes them: x sorted along one {@code axis} (not None, not the
 * batch axis, its length d known at import), then {@code y[i]·(1 - f) + y[i - 1]·f} in float32, with i the ceiling of
 * {@code (d - 1)·q} computed in double (at least 1, where d allows; q a number, rounded to float32 first, as Keras
 * converts it) and {@code f = i - (d - 1)·q}; NaN wherever the axis holds a NaN. Method linear only: Keras 3.15.1's
 * Quantile operation does not pass its {@code method} on, so inside a model Keras computes linear whatever it says. A
 * vector q is refused: Keras puts its axis first, before the batch. (Percentile passes its method on; linear only.)
 */
final class QuantileOperationTranslator implements LayerTranslator {
    /** Which operation. */
    enum Form { QUANTILE, MEDIAN, PERCENTILE }

    private final Form form;

    QuantileOperationTranslator(Form form) {
        this.form = form;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        boolean median = form == Form.MEDIAN;
        double most = form == Form.PERCENTILE ? 100 : 1;
        KTensor x = median ? OperationArguments.single(config, t)
                : OperationArguments.first(config, t, 2, "a tensor and a number q");
        JsonNode qArg = median ? null : t.positionalArguments().path(1);
        if (!median && x != null && !(qArg.isNumber() && qArg.asDouble() >= 0 && qArg.asDouble() <= most)) {
            config.problem("argument q=" + OperationArguments.quote(qArg) + " is not supported (one number from 0 to "
                    + (int) most + "; Keras puts the axis of a vector q before the batch axis)");
        }
        String method = config.string("linear", "method");
        if (!method.equals("linear")) {
            config.problem("option method=" + method + " is not supported (linear only" + (form == Form.PERCENTILE ? ")"
                    : ": Keras 3.15.1's Quantile operation ignores its method and computes linear)"));
        }
        boolean keepDims = config.bool(false, "keepdims");
        int axis = OperationArguments.axis(config, t, x, "it takes the quantile of the flattened input, batch included");
        if (axis < 0 || config.hasProblems()) {
            return List.of(t.unavailable());
        }
        int d = t.shape(x.value())[axis];
        if (d <= 0) {
            config.problem("input shape " + GeneralConfig.shapeText(t.shape(x.value())) + " has no known size on axis "
                    + axis + ", along which it takes the quantile");
            return List.of(t.unavailable());
        }
        float q = median ? 0.5f : form == Form.PERCENTILE ? (float) qArg.asDouble() / 100f : (float) qArg.asDouble();
        double exact = (d - 1) * (double) q;
        String sorted = t.emit(new TopK(axis, false), List.of(x.value(),
                GeneralConfig.constant(t, new float[] {d}, new int[] {1}))).get(0);
        int smaller = Math.max(Math.min((int) Math.ceil(exact), d - 1) - 1, 0);
        int larger = Math.min(smaller + 1, d - 1);
        float fraction = (float) (larger - exact);
        String y = GeneralConfig.elementwise(t, Elementwise.Kind.ADD,
                times(t, at(t, sorted, axis, larger, keepDims), 1f - fraction),
                times(t, at(t, sorted, axis, smaller, keepDims), fraction));
        String isNan = GeneralConfig.emit(t, new ActivationOp(Activation.of(Activation.Kind.IS_NAN)), x.value());
        String anyNan = GeneralConfig.emit(t, new Reduce(Reduce.Kind.MAX, new long[] {axis}, keepDims), isNan);
        String nan = GeneralConfig.constant(t, new float[] {Float.NaN}, new int[0]);
        return List.of(new KTensor(GeneralConfig.emit(t, new Where(), anyNan, nan, y), null));
    }

    /** The values of {@code v} at position {@code i} of {@code axis}, the axis kept (length 1) or dropped. */
    private static String at(Translation t, String v, int axis, int i, boolean keepDims) {
        String index = GeneralConfig.constant(t, new float[] {i}, keepDims ? new int[] {1} : new int[0]);
        return GeneralConfig.emit(t, new Gather(axis), v, index);
    }

    private static String times(Translation t, String v, float factor) {
        return GeneralConfig.elementwise(t, Elementwise.Kind.MUL, v, GeneralConfig.constant(t, new float[] {factor},
                new int[0]));
    }
}
