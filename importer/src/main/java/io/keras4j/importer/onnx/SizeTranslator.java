package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.primitive.Reduce;
import io.keras4j.runtime.ops.primitive.ShapeOf;
import java.util.List;

/** ONNX Size: the number of the input's elements, an int64 scalar (the product of its Shape). */
final class SizeTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String shape = b.fresh(node, "shape");
        b.emit(node, new ShapeOf(0, Long.MAX_VALUE), List.of(node.input(0)), List.of(shape), DataTypes.INT64);
        b.emit(node, new Reduce(Reduce.Kind.PROD, new long[] {0}, false), List.of(shape), List.of(node.output(0)),
                DataTypes.INT64);
    }
}
