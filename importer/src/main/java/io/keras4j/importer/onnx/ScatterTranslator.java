package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.primitive.Scatter;
import java.util.List;
import java.util.Locale;

/**
 * ONNX ScatterND and ScatterElements (and Scatter, opsets 9 and 10, as ScatterElements): {@code axis} (ScatterElements),
 * {@code reduction} none, add, mul (opset 16), max, min (opset 18); see {@link Scatter}.
 */
final class ScatterTranslator implements OpTranslator {
    private final boolean elements;

    /** @param elements ScatterElements (or Scatter), else ScatterND */
    ScatterTranslator(boolean elements) {
        this.elements = elements;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String name = node.stringAttr("reduction", "none");
        Scatter.Reduction reduction;
        try {
            reduction = Scatter.Reduction.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            node.problem("attribute reduction='" + name + "' is not supported (none, add, mul, max, min)");
            return;
        }
        Scatter op = elements ? Scatter.elements((int) node.intAttr("axis", 0), reduction) : Scatter.nd(reduction);
        b.emit(node, op, List.of(node.input(0), node.input(1), node.input(2)), List.of(node.output(0)),
                b.type(node.input(0)));
    }
}
