package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.ActivationOp;
import io.keras4j.runtime.ops.primitive.Where;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.nan_to_num(x, nan, posinf, neginf)} as its TensorFlow backend computes it: NaN to {@code nan}
 * (0 by default), then +infinity to {@code posinf} and -infinity to {@code neginf} (float32's largest and lowest by
 * default), each a Where.
 */
final class NanToNumOperationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = OperationArguments.single(config, t);
        float nan = (float) config.number(0, "nan");
        float posinf = (float) config.number(Float.MAX_VALUE, "posinf");
        float neginf = (float) config.number(-Float.MAX_VALUE, "neginf");
        if (x == null) {
            return List.of(t.unavailable());
        }
        return List.of(new KTensor(numbers(t, x.value(), nan, posinf, neginf), null));
    }

    /** {@code v} with NaN replaced by {@code nan}, then +infinity by {@code posinf} and -infinity by {@code neginf}. */
    static String numbers(Translation t, String v, float nan, float posinf, float neginf) {
        v = replace(t, v, Activation.of(Activation.Kind.IS_NAN), nan);
        v = replace(t, v, Activation.of(Activation.Kind.IS_INF, 0, 1), posinf);
        return replace(t, v, Activation.of(Activation.Kind.IS_INF, 1, 0), neginf);
    }

    /** {@code where(test(v), value, v)}. */
    static String replace(Translation t, String v, Activation test, float value) {
        String hit = t.emit(new ActivationOp(test), List.of(v)).get(0);
        String fill = GeneralConfig.scalar(t, value);
        return t.emit(new Where(), List.of(hit, fill, v)).get(0);
    }
}
