package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.ShapeOf;
import io.keras4j.runtime.ops.primitive.TopK;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.sort(x, axis)} (ascending), {@code argsort(x, axis)} (the positions of that order) and
 * {@code top_k(x, k)} (the k largest along the last axis, largest first, and their positions; {@code sorted} True only):
 * a stable sort, so equal values keep their order along the axis, as TensorFlow's top_k gives them; not the batch axis.
 */
final class SortOperationTranslator implements LayerTranslator {
    /** Which operation. */
    enum Form {
        SORT, ARGSORT, TOP_K
    }

    private final Form form;

    SortOperationTranslator(Form form) {
        this.form = form;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = OperationArguments.single(config, t);
        int axis;
        String k;
        if (form == Form.TOP_K) {
            int top = config.positiveInt("k");
            if (!config.bool(true, "sorted")) {
                config.problem("option sorted=False is not supported (True only: TensorFlow then returns its own order)");
            }
            int rank = x == null ? 0 : t.shape(x.value()).length;
            axis = rank - 1;
            if (x != null && axis < 1) {
                config.problem("takes an input of rank " + rank + "; keras4j needs rank 2 or more (top_k runs along the"
                        + " last axis, which must not be the batch axis)");
                axis = -1;
            }
            k = GeneralConfig.constant(t, new float[] {top}, new int[] {1});
        } else {
            axis = OperationArguments.axis(config, t, x, "it sorts the flattened input, batch included");
            k = axis < 0 ? null : t.emit(new ShapeOf(axis, axis + 1), List.of(x.value())).get(0);
        }
        if (axis < 0) {
            return List.of(t.unavailable());
        }
        List<String> out = t.emit(new TopK(axis, form == Form.TOP_K), List.of(x.value(), k));
        KTensor values = new KTensor(out.get(0), null);
        KTensor positions = new KTensor(out.get(1), null);
        return form == Form.SORT ? List.of(values) : form == Form.ARGSORT ? List.of(positions) : List.of(values, positions);
    }
}
