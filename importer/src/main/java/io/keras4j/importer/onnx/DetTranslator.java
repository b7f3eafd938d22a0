package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.Determinant;
import java.util.List;

/**
 * ONNX Det: the determinant of each square matrix in the last two axes of a floating-point input (runtime op
 * Determinant, computed in double as for Keras' det).
 */
final class DetTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String x = node.input(0);
        if (!DataTypes.isFloat(b.type(x))) {
            node.problem("input '" + x + "' is " + DataTypes.name(b.type(x)) + ", Det takes floating-point values");
            return;
        }
        b.emit(node, new Determinant(Determinant.Kind.DET), List.of(x), List.of(node.output(0)), DataTypes.FLOAT);
    }
}
