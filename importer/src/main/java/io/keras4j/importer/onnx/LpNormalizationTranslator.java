package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.primitive.Elementwise;
import io.keras4j.runtime.ops.primitive.Reduce;
import io.keras4j.runtime.ops.primitive.Where;
import java.util.List;

/**
 * ONNX LpNormalization: x divided by its L1 or L2 norm ({@code p} 1 or 2, as ONNX Runtime allows) along {@code axis}
 * (default -1), and 0 where the norm is 0, as ONNX Runtime's kernel: a Reduce keeping the axis, a Div, an Equal and a
 * Where.
 */
final class LpNormalizationTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String x = node.input(0);
        Integer axis = Args.axisOf(node, -1, b.shape(x).length);
        long p = node.intAttr("p", 2);
        if (p != 1 && p != 2) {
            node.problem("p=" + p + " is not supported (1 or 2, as ONNX Runtime)");
            return;
        }
        if (axis == null) {
            return;
        }
        String norm = b.fresh(node, "norm");
        String zero = b.floats(node, "zero", 0f);
        String isZero = b.fresh(node, "is_zero");
        String quotient = b.fresh(node, "quotient");
        if (b.emit(node, new Reduce(p == 1 ? Reduce.Kind.L1 : Reduce.Kind.L2, new long[] {axis}, true), List.of(x), List.of(norm),
                DataTypes.FLOAT)
                && b.emit(node, new Elementwise(Elementwise.Kind.EQUAL), List.of(norm, zero), List.of(isZero), DataTypes.BOOL)
                && b.emit(node, new Elementwise(Elementwise.Kind.DIV), List.of(x, norm), List.of(quotient), DataTypes.FLOAT)) {
            b.emit(node, new Where(), List.of(isZero, zero, quotient), List.of(node.output(0)), DataTypes.FLOAT);
        }
    }
}
