package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.primitive.ConstantOfShape;
import io.keras4j.runtime.ops.primitive.ShapeOf;
import io.keras4j.runtime.ops.primitive.Trilu;
import java.util.List;

/**
 * ONNX EyeLike: a matrix of the 2-D input's shape with ones on diagonal {@code k} and zeros elsewhere, of element type
 * {@code dtype} (the input's by default): ones of the input's Shape, kept on and above diagonal k and then on and below it
 * (two Trilu), folded at import when the shape is known there.
 */
final class EyeLikeTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String x = node.input(0);
        int rank = b.shape(x).length;
        if (rank != 2) {
            node.problem("the input must be 2-D, got rank " + rank);
            return;
        }
        int type = (int) node.intAttr("dtype", b.type(x));
        if (!DataTypes.isFloat(type) && !DataTypes.isInteger(type)) {
            node.problem("dtype " + DataTypes.name(type) + " is not supported (float, integer and bool types)");
            return;
        }
        int k = TriluTranslator.clampK(node.intAttr("k", 0));
        String shape = b.fresh(node, "shape");
        String ones = b.fresh(node, "ones");
        String upper = b.fresh(node, "upper");
        if (b.emit(node, new ShapeOf(0, Long.MAX_VALUE), List.of(x), List.of(shape), DataTypes.INT64)
                && b.emit(node, new ConstantOfShape(1f), List.of(shape), List.of(ones), type)
                && b.emit(node, new Trilu(true, k), List.of(ones), List.of(upper), type)) {
            b.emit(node, new Trilu(false, k), List.of(upper), List.of(node.output(0)), type);
        }
    }
}
