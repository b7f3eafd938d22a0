package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Repeat;
import io.keras4j.runtime.ops.primitive.ReverseAxis;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.flip(x, axis)} (each listed axis reversed), {@code keras.ops.fliplr(x)} (axis 1 reversed; x of
 * rank 2 or more) and {@code keras.ops.repeat(x, repeats, axis)} (each entry of one axis {@code repeats} times): axes
 * other than the batch axis; None, which takes every axis, refused.
 */
final class AxisOperationTranslator implements LayerTranslator {
    /** Which operation. */
    enum Form {
        FLIP, FLIPLR, REPEAT
    }

    private final Form form;

    AxisOperationTranslator(Form form) {
        this.form = form;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = OperationArguments.single(config, t);
        boolean repeat = form == Form.REPEAT;
        long[] axes;
        if (repeat) {
            int axis = OperationArguments.axis(config, t, x, "it repeats the flattened input, batch included");
            axes = axis < 0 ? null : new long[] {axis};
        } else if (form == Form.FLIPLR) {
            axes = x != null && t.shape(x.value()).length >= 2 ? new long[] {1} : null;
            if (x != null && axes == null) {
                config.problem("input of rank 1 is not supported (rank 2 or more: fliplr reverses axis 1)");
            }
        } else {
            axes = OperationArguments.axes(config, t, x, "it reverses the batch axis too");
        }
        int times = repeat ? config.positiveInt("repeats") : 1;
        if (axes == null) {
            return List.of(t.unavailable());
        }
        String v = x.value();
        for (long axis : axes) {
            v = t.emit(repeat ? new Repeat((int) axis, times) : new ReverseAxis((int) axis), List.of(v)).get(0);
        }
        return List.of(new KTensor(v, null));
    }
}
