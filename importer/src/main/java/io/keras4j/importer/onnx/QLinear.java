package io.keras4j.importer.onnx;

import io.keras4j.importer.onnx.proto.Onnx.TensorProto.DataType;
import io.keras4j.runtime.ops.primitive.LinearQuantization;
import io.keras4j.runtime.ops.primitive.Requantize;
import java.util.List;

/**
 * What the nodes of ONNX Runtime's QOperator format (QLinearConv, QLinearMatMul and the com.microsoft QLinear* and QGemm
 * operators) share: an 8-bit tensor's constant scale and zero point, and the requantization of a result.
 */
final class QLinear {
    /**
     * A tensor's quantization: its scale (one value), its zero point's name (empty when absent) and value, and the
     * integers of its type.
     */
    record Param(float scale, String zeroName, long zero, long least, long most) {
        /** Emits {@code x - zero} (x itself when there is no zero point) and returns its name; null after a problem. */
        String centred(OnnxNode node, OnnxGraphBuilder b, String x, String what) {
            return MatMulIntegerTranslator.centred(node, b, x, zero == 0 ? "" : zeroName, what);
        }

        /** Emits the float value {@code (x - zero)·scale} of quantized {@code x} and returns its name. */
        String dequantized(OnnxNode node, OnnxGraphBuilder b, String x, String scaleName) {
            String out = b.fresh(node, "dequantized");
            List<String> in = zeroName.isEmpty() ? List.of(x, scaleName) : List.of(x, scaleName, zeroName);
            b.emit(node, new LinearQuantization(LinearQuantization.Kind.DEQUANTIZE, 1, 0, 0), in, List.of(out),
                    DataTypes.FLOAT);
            return out;
        }

        /** Emits float {@code x} quantized as QuantizeLinear does with this scale ({@code scaleName}) into {@code out}. */
        void quantize(OnnxNode node, OnnxGraphBuilder b, String x, String scaleName, String out) {
            List<String> in = zeroName.isEmpty() ? List.of(x, scaleName) : List.of(x, scaleName, zeroName);
            b.emit(node, new LinearQuantization(LinearQuantization.Kind.QUANTIZE, 1, least, most), in, List.of(out),
                    type());
        }

        /** The ONNX element type (int8 or uint8). */
        int type() {
            return least < 0 ? DataType.INT8_VALUE : DataType.UINT8_VALUE;
        }
    }

    private QLinear() {
    }

    /**
     * The quantization of inputs {@code scaleIndex} (a constant of one value) and {@code zeroIndex} (a constant of one
     * value, int8 or uint8; absent: 0 of {@code fallbackType}); null after a problem naming {@code what}.
     */
    static Param param(OnnxNode node, OnnxGraphBuilder b, int scaleIndex, int zeroIndex, String what, int fallbackType) {
        float[] scale = scales(node, b, scaleIndex, what + "_scale");
        String zeroName = node.input(zeroIndex);
        OnnxTensor zero = zeroName.isEmpty() ? null : Args.constant(node, b, zeroIndex, what + "_zero_point");
        if (scale == null || !zeroName.isEmpty() && zero == null) {
            return null;
        }
        if (scale.length != 1 || zero != null && zero.size() != 1) {
            node.problem(what + "_scale and " + what + "_zero_point must be one value each (per-tensor), got "
                    + scale.length + " and " + (zero == null ? 1 : zero.size()));
            return null;
        }
        int type = zero == null ? fallbackType : zero.elemType();
        if (type != DataType.INT8_VALUE && type != DataType.UINT8_VALUE) {
            node.problem(what + " of type " + DataTypes.name(type) + " is not supported (int8 and uint8)");
            return null;
        }
        boolean signed = type == DataType.INT8_VALUE;
        return new Param(scale[0], zeroName, zero == null ? 0 : zero.longs()[0], signed ? -128 : 0, signed ? 127 : 255);
    }

    /** The values of constant input {@code i}, a scale (positive and finite); null after a problem. */
    static float[] scales(OnnxNode node, OnnxGraphBuilder b, int i, String what) {
        OnnxTensor t = Args.constant(node, b, i, what);
        if (t == null) {
            return null;
        }
        float[] v = t.floats();
        for (float s : v) {
            if (!(s > 0) || Float.isInfinite(s)) {
                node.problem(what + " " + t + " must be positive and finite, got " + s);
                return null;
            }
        }
        return v;
    }

    /**
     * Emits {@code y = requantize(x)} with one scale (or one per entry of {@code axis}) into {@code out}, to the type and
     * zero point of {@code y}.
     */
    static void requantize(OnnxNode node, OnnxGraphBuilder b, String x, float[] scales, int axis, Param y,
            Requantize.Kind kind, String out) {
        String scale = b.floats(node, "requantize_scale", scales);
        b.emit(node, new Requantize(kind, axis, y.zero(), y.least(), y.most()), List.of(x, scale), List.of(out), y.type());
    }

    /**
     * ONNX Runtime's requantization scales of a product: {@code left·right[i] / y} in float32, in that order (as
     * QLinearConv and QLinearMatMul compute them once per column).
     */
    static float[] ratios(float left, float[] right, float y) {
        float[] r = new float[right.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = left * right[i] / y;
        }
        return r;
    }
}
