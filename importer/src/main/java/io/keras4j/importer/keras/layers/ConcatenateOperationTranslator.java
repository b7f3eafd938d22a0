package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.Concatenate;
import io.keras4j.runtime.ops.primitive.Unsqueeze;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.concatenate(xs, axis)}, {@code keras.ops.stack(xs, axis)} (each tensor given a new axis
 * there, then joined), {@code keras.ops.hstack(xs)} (joined along axis 1, as Keras' TensorFlow backend joins tensors of
 * rank 2 or more), {@code keras.ops.dstack(xs)} (joined along axis 2, each of rank 2 given it first, as Keras'
 * TensorFlow backend does) and {@code keras.ops.append(a, b, axis)}: tensors of one rank, {@code axis} not the batch
 * axis; an append with axis None, which flattens the batch in, and an hstack or dstack of rank-1 tensors, which moves
 * or joins the batch axis, are refused.
 */
final class ConcatenateOperationTranslator implements LayerTranslator {
    /** Which operation: how it takes its tensors and the axis it joins them along. */
    enum Form { CONCATENATE, STACK, HSTACK, DSTACK, APPEND }

    private final Form form;

    ConcatenateOperationTranslator(Form form) {
        this.form = form;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        config.readLater("axis");
        JsonNode args = t.positionalArguments();
        List<KTensor> ins = t.inputs();
        JsonNode tensors = form == Form.APPEND ? args : args.path(0);
        boolean valid = args.isArray() && args.size() == (form == Form.APPEND ? 2 : 1) && tensors.isArray()
                && tensors.size() == ins.size() && !ins.isEmpty();
        for (int i = 0; valid && i < ins.size(); i++) {
            valid = OperationArguments.isTensor(tensors.get(i))
                    && t.shape(ins.get(i).value()).length == t.shape(ins.get(0).value()).length;
        }
        if (!valid) {
            config.problem("expects " + (form == Form.APPEND ? "two tensors" : "one list of tensors") + " of one rank,"
                    + " got " + args);
            return List.of(t.unavailable());
        }
        boolean expand = form == Form.STACK || form == Form.DSTACK && t.shape(ins.get(0).value()).length == 2;
        int rank = t.shape(ins.get(0).value()).length + (expand ? 1 : 0);
        int axis = axis(config, rank);
        if (axis < 0) {
            return List.of(t.unavailable());
        }
        List<String> values = new ArrayList<>();
        for (KTensor x : ins) {
            values.add(expand ? t.emit(new Unsqueeze(new long[] {axis}), List.of(x.value())).get(0) : x.value());
        }
        return List.of(new KTensor(t.emit(new Concatenate(axis), values).get(0), null));
    }

    /** The axis the tensors are joined along, in a result of rank {@code rank}; -1 after a problem. */
    private int axis(LayerConfig config, int rank) {
        if (form == Form.HSTACK || form == Form.DSTACK) {
            int axis = form == Form.HSTACK ? 1 : 2;
            if (rank <= axis) {
                config.problem("is given tensors of rank 1, which " + (form == Form.HSTACK ? "hstack joins along the"
                        + " batch axis" : "dstack moves off the batch axis"));
                return -1;
            }
            return axis;
        }
        if (form == Form.APPEND && (config.raw("axis") == null || config.raw("axis").isNull())) {
            config.problem("option axis=None is not supported (it flattens the batch axis in)");
            return -1;
        }
        int[] raw = GeneralConfig.intList(config, false, "axis");
        if (raw != null && raw.length != 1) {
            config.problem("option axis=" + config.raw("axis") + " must be one integer");
        }
        return raw == null || raw.length != 1 ? -1 : GeneralConfig.axis(config, "axis", raw[0], rank, false);
    }
}
