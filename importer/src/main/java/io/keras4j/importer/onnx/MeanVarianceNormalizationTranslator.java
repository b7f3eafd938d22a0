package io.keras4j.importer.onnx;

import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.ActivationOp;
import io.keras4j.runtime.ops.primitive.Elementwise;
import io.keras4j.runtime.ops.primitive.Reduce;
import java.util.List;
import java.util.stream.LongStream;

/**
 * ONNX MeanVarianceNormalization: {@code (x - mean) / sqrt(mean((x - mean)²))} over {@code axes} (default those of 0, 2
 * and 3 below the input's rank, as ONNX Runtime takes them: 0 and 2 of a 3-D input), as ONNX Runtime's kernel computes it (the deviations taken first; no epsilon, so a constant slice gives NaN, as there):
 * ReduceMean, Sub, Mul, ReduceMean, Sqrt, Div.
 */
final class MeanVarianceNormalizationTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String x = node.input(0);
        long[] axes = node.intsAttr("axes");
        int rank = b.shape(x).length;
        axes = axes == null ? LongStream.of(0, 2, 3).filter(a -> a < rank).toArray() : axes;
        String mean = b.fresh(node, "mean");
        String deviation = b.fresh(node, "deviation");
        String square = b.fresh(node, "square");
        String variance = b.fresh(node, "variance");
        String deviationScale = b.fresh(node, "std");
        int f = DataTypes.FLOAT;
        if (b.emit(node, new Reduce(Reduce.Kind.MEAN, axes, true), List.of(x), List.of(mean), f)
                && b.emit(node, new Elementwise(Elementwise.Kind.SUB), List.of(x, mean), List.of(deviation), f)
                && b.emit(node, new Elementwise(Elementwise.Kind.MUL), List.of(deviation, deviation), List.of(square), f)
                && b.emit(node, new Reduce(Reduce.Kind.MEAN, axes, true), List.of(square), List.of(variance), f)
                && b.emit(node, new ActivationOp(Activation.of(Activation.Kind.SQRT)), List.of(variance), List.of(deviationScale), f)) {
            b.emit(node, new Elementwise(Elementwise.Kind.DIV), List.of(deviation, deviationScale), List.of(node.output(0)), f);
        }
    }
}
