package io.keras4j.importer.onnx;

import io.keras4j.importer.onnx.proto.Onnx.TensorProto.DataType;
import io.keras4j.runtime.ops.primitive.LinearQuantization;
import java.util.List;

/**
 * ONNX QuantizeLinear and DequantizeLinear (opsets 10 to 23) to and from 8- and 16-bit integers (and from int32, as a
 * quantized bias): a scale and zero point for the whole tensor or one per entry of {@code axis}. A quantized type comes
 * from the zero point, else {@code output_dtype}, else uint8. Refused: {@code block_size} (blocked quantization),
 * 4-bit and float8 types, and outputs other than float32. Dequantized constants (a QDQ model's weights) are computed
 * at import.
 */
final class LinearQuantizationTranslator implements OpTranslator {
    private final LinearQuantization.Kind kind;

    LinearQuantizationTranslator(LinearQuantization.Kind kind) {
        this.kind = kind;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        boolean quantize = kind == LinearQuantization.Kind.QUANTIZE;
        String x = Args.required(node, 0, "x");
        String scale = Args.required(node, 1, quantize ? "y_scale" : "x_scale");
        String zero = node.input(2);
        int axis = Args.axis(node, 1);
        long blockSize = node.intAttr("block_size", 0);
        long saturate = node.intAttr("saturate", 1); // ONNX: float8 outputs only, so no effect on integers
        long outputType = node.intAttr("output_dtype", 0);
        if (x == null || scale == null) {
            return;
        }
        if (blockSize != 0) {
            node.problem("block_size " + blockSize + " (blocked quantization) is not supported");
            return;
        }
        if (saturate != 0 && saturate != 1) {
            node.problem("saturate must be 0 or 1, got " + saturate);
            return;
        }
        int quantized = quantize ? (!zero.isEmpty() ? b.type(zero) : outputType != 0 ? (int) outputType
                : DataType.UINT8_VALUE) : b.type(x);
        if (!quantize && outputType != 0 && outputType != DataTypes.FLOAT) {
            node.problem("output_dtype " + DataTypes.name((int) outputType) + " is not supported (float32 only)");
            return;
        }
        long[] range = range(quantized, !quantize);
        if (range == null) {
            node.problem("quantized type " + DataTypes.name(quantized) + " is not supported (int8, uint8, int16, uint16"
                    + (quantize ? "" : ", int32") + ")");
            return;
        }
        List<String> inputs = zero.isEmpty() ? List.of(x, scale) : List.of(x, scale, zero);
        LinearQuantization op = quantize ? new LinearQuantization(kind, axis, range[0], range[1])
                : new LinearQuantization(kind, axis, 0, 0);
        b.emit(node, op, inputs, List.of(node.output(0)), quantize ? quantized : DataTypes.FLOAT);
    }

    /** The integers of a quantized type, or null for one keras4j does not take (int32 only as dequantize's input). */
    private static long[] range(int type, boolean int32) {
        return switch (type) {
            case DataType.INT8_VALUE -> new long[] {-128, 127};
            case DataType.UINT8_VALUE -> new long[] {0, 255};
            case DataType.INT16_VALUE -> new long[] {-32768, 32767};
            case DataType.UINT16_VALUE -> new long[] {0, 65535};
            case DataType.INT32_VALUE -> int32 ? new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE} : null;
            default -> null;
        };
    }
}
