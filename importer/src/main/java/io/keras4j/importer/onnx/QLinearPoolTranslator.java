package io.keras4j.importer.onnx;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.ops.primitive.Reduce;
import io.keras4j.runtime.ops.primitive.Requantize;
import java.util.List;
import java.util.stream.IntStream;

/**
 * ONNX Runtime's QLinearGlobalAveragePool and QLinearAveragePool (com.microsoft; {@code channels_last} 0 only), as its
 * kernels compute them. Global: the exact sum of {@code x - x_zero_point} over the spatial axes (their sizes known at
 * import, n positions), times {@code x_scale / (y_scale·n)} in float32, rounded half to even, plus y_zero_point,
 * saturated. AveragePool: x dequantized, AveragePool (its attributes) in float32, then {@code round(v / y_scale +
 * y_zero_point)}, saturated.
 */
final class QLinearPoolTranslator implements OpTranslator {
    private static final PoolTranslator AVERAGE = new PoolTranslator(PoolTranslator.Kind.AVERAGE, false);
    private final boolean global;

    /** @param global QLinearGlobalAveragePool, else QLinearAveragePool */
    QLinearPoolTranslator(boolean global) {
        this.global = global;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        long channelsLast = node.intAttr("channels_last", 0);
        String in = Args.required(node, 0, "X");
        if (in == null) {
            return;
        }
        if (channelsLast != 0) {
            node.problem("channels_last " + channelsLast + " is not supported (0 only)");
            return;
        }
        QLinear.Param x = QLinear.param(node, b, 1, 2, "x", b.type(in));
        QLinear.Param y = QLinear.param(node, b, 3, 4, "y", b.type(in));
        if (x == null || y == null) {
            return;
        }
        String pooled = b.fresh(node, "pooled");
        if (!global) {
            AVERAGE.pool(node, b, x.dequantized(node, b, in, node.input(1)), pooled);
            if (b.isDefined(pooled)) {
                QLinear.requantize(node, b, pooled, new float[] {y.scale()}, 0, y, Requantize.Kind.DIVIDE_OFFSET_ROUND,
                        node.output(0));
            }
            return;
        }
        int[] shape = b.shape(in);
        if (shape.length < 3 || IntStream.range(2, shape.length).anyMatch(d -> shape[d] < 0)) {
            node.problem("X of shape " + Shapes.toString(shape) + " must have spatial axes of sizes known at import");
            return;
        }
        int n = Shapes.product(shape, 2, shape.length);
        float scale = x.scale() / (y.scale() * (float) n);
        // ONNX Runtime refuses other parameters
        if (n >= 1 << 24 || scale < 0x1.0p-32f || scale >= 256f) {
            node.problem("x_scale / (y_scale·" + n + ") = " + scale + " is out of ONNX Runtime's range [2^-32, 256)");
            return;
        }
        String centred = x.centred(node, b, in, "x_centred");
        long[] spatial = IntStream.range(2, shape.length).asLongStream().toArray();
        if (centred != null && b.emit(node, new Reduce(Reduce.Kind.SUM, spatial, true), List.of(centred), List.of(pooled),
                DataTypes.INT32)) {
            QLinear.requantize(node, b, pooled, new float[] {scale}, 0, y, Requantize.Kind.SCALE_ROUND_OFFSET,
                    node.output(0));
        }
    }
}
