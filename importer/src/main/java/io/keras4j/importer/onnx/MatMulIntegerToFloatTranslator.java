package io.keras4j.importer.onnx;

import io.keras4j.importer.onnx.proto.Onnx.TensorProto.DataType;
import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.ops.primitive.DynamicQuantizeLinear;
import io.keras4j.runtime.ops.primitive.Elementwise;
import java.util.List;

/**
 * ONNX Runtime's MatMulIntegerToFloat and DynamicQuantizeMatMul (com.microsoft), what its optimizer makes of
 * {@code quantize_dynamic}'s MatMulInteger, Cast, Mul (and bias Add): the exact integer product of {@code A - a_zero_point}
 * and {@code B - b_zero_point} (as {@link MatMulIntegerTranslator}), times the float32 product {@code a_scale · b_scale},
 * plus the optional bias, as ONNX Runtime's kernel computes it. DynamicQuantizeMatMul first quantizes its float A to uint8
 * as DynamicQuantizeLinear (the scale and zero point of A's whole range). a_scale and the zero points one value each
 * (b_zero_point may also be one per column), b_scale one value or one per column of B.
 */
final class MatMulIntegerToFloatTranslator implements OpTranslator {
    private final boolean dynamic;

    /** @param dynamic DynamicQuantizeMatMul (A float, quantized here), else MatMulIntegerToFloat (A uint8 with its scale) */
    MatMulIntegerToFloatTranslator(boolean dynamic) {
        this.dynamic = dynamic;
    }

    @Override
    public int requiredInputs() {
        return dynamic ? 3 : 4;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        int bScaleInput = dynamic ? 2 : 3;
        int bZeroInput = dynamic ? 3 : 5;
        String right = node.input(1);
        String bScale = node.input(bScaleInput);
        int[] bs = b.shape(right);
        int[] ss = b.shape(bScale);
        int columns = bs.length == 0 ? -1 : bs[bs.length - 1];
        if (Shapes.product(ss, 0, ss.length) != 1 && (ss.length != 1 || ss[0] != columns || columns < 0)) {
            node.problem("input " + bScaleInput + " (b_scale) of shape " + Shapes.toString(ss)
                    + " is not supported: one value, or one per column of B (" + columns + ")");
            return;
        }
        String a = node.input(0);
        String aScale;
        String aZero;
        if (dynamic) {
            aScale = b.fresh(node, "a_scale");
            aZero = b.fresh(node, "a_zero_point");
            String quantized = b.fresh(node, "a_quantized");
            if (!b.emit(node, new DynamicQuantizeLinear(), List.of(a), List.of(quantized, aScale, aZero),
                    DataType.UINT8_VALUE, DataTypes.FLOAT, DataType.UINT8_VALUE)) {
                return;
            }
            a = quantized;
        } else {
            aScale = node.input(2);
            aZero = node.input(4);
            if (!MatMulIntegerTranslator.oneValue(node, b, aScale, "a_scale")
                    || !MatMulIntegerTranslator.oneValue(node, b, aZero, "a_zero_point")) {
                return;
            }
        }
        String left = MatMulIntegerTranslator.centred(node, b, a, aZero, "a_centred");
        String centredRight = MatMulIntegerTranslator.centred(node, b, right, node.input(bZeroInput), "b_centred");
        if (left == null || centredRight == null) {
            return;
        }
        String product = b.fresh(node, "product");
        String multiplier = b.fresh(node, "multiplier");
        MatMulTranslator.product(node, b, left, centredRight, product, DataTypes.INT32);
        int biasInput = dynamic ? 4 : 6;
        boolean biased = !node.input(biasInput).isEmpty();
        String scaled = biased ? b.fresh(node, "scaled") : node.output(0);
        if (b.emit(node, new Elementwise(Elementwise.Kind.MUL), List.of(aScale, bScale), List.of(multiplier), DataTypes.FLOAT)
                && b.emit(node, new Elementwise(Elementwise.Kind.MUL), List.of(product, multiplier), List.of(scaled), DataTypes.FLOAT)
                && biased) {
            BiasGeluTranslator.addBias(node, b, scaled, biasInput, node.output(0));
        }
    }
}
