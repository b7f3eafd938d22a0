package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.dot(x, b)}, {@code keras.ops.tensordot(x, b, axes)} and {@code keras.ops.inner(x, b)} of a
 * tensor and a constant matrix or vector b over x's last axis ({@link MatmulTranslator#byConstant}): b's first axis, with
 * tensordot's {@code axes} 1 or {@code [[-1], [0]]}, or (inner) b's last; other operands (two tensors meet the batch
 * axis; inner of a constant and a tensor puts the batch axis after the constant's) and axes are refused.
 */
final class DotOperationTranslator implements LayerTranslator {
    /** Which operation. */
    enum Form {
        DOT, TENSORDOT, INNER
    }

    private final Form form;

    DotOperationTranslator(Form form) {
        this.form = form;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        JsonNode args = t.positionalArguments();
        if (form == Form.TENSORDOT && !lastAgainstFirst(config.raw("axes"), args.path(0))) {
            config.problem("option axes=" + config.raw("axes") + " is not supported (1, or [[-1], [0]]: x's last axis"
                    + " against the constant's first)");
            return List.of(t.unavailable());
        }
        if (!args.isArray() || args.size() != 2 || !OperationArguments.isTensor(args.get(0))
                || !OperationArguments.isConstant(args.get(1))) {
            config.problem("is supported on a tensor and a constant matrix or vector (a numpy array or constant tensor),"
                    + " in that order");
            return List.of(t.unavailable());
        }
        return MatmulTranslator.byConstant(config, t, args.get(1), form == Form.INNER);
    }

    /** Whether tensordot's {@code axes} contract x's last axis (x given as {@code x}) with the other's first. */
    private static boolean lastAgainstFirst(JsonNode axes, JsonNode x) {
        if (axes != null && axes.isInt()) {
            return axes.intValue() == 1;
        }
        if (axes == null || !axes.isArray() || axes.size() != 2) {
            return false;
        }
        JsonNode a = axes.get(0).isArray() && axes.get(0).size() == 1 ? axes.get(0).get(0) : axes.get(0);
        JsonNode b = axes.get(1).isArray() && axes.get(1).size() == 1 ? axes.get(1).get(0) : axes.get(1);
        int rank = x.path("config").path("shape").size();
        return a.isInt() && b.isInt() && (a.intValue() == -1 || a.intValue() == rank - 1) && b.intValue() == 0;
    }
}
