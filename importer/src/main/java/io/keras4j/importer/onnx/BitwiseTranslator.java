package io.keras4j.importer.onnx;

import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.ActivationOp;
import io.keras4j.runtime.ops.primitive.Elementwise;
import java.util.List;

/**
 * ONNX BitwiseAnd, BitwiseOr, BitwiseXor, BitwiseNot (opset 18) and BitShift (opset 11) of integer tensors, with numpy
 * broadcasting. And, Or and Xor are the runtime's bitwise Elementwise kinds; Not is {@code -1 - x} for signed types and
 * {@code 2^bits - 1 - x} for unsigned ones; BitShift (unsigned types) LEFT is {@code x · 2^y} modulo {@code 2^bits}
 * (bits shifted out are lost, as in ONNX Runtime) and RIGHT {@code floor(x / 2^y)}. Integers are float32 values in the
 * runtime: exact while every value, the shifted ones included, stays below 2^24 in magnitude.
 */
final class BitwiseTranslator implements OpTranslator {
    /** The operator. */
    enum Kind { AND, OR, XOR, NOT, SHIFT }

    private final Kind kind;

    BitwiseTranslator(Kind kind) {
        this.kind = kind;
    }

    @Override
    public int requiredInputs() {
        return kind == Kind.NOT ? 1 : 2;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String x = node.input(0);
        int type = b.type(x);
        for (String in : node.inputs()) {
            int t = b.type(in);
            boolean integer = DataTypes.isInteger(t) && t != DataTypes.BOOL && (kind != Kind.SHIFT || !DataTypes.isSigned(t));
            if (!integer || t != type) {
                node.problem("input '" + in + "' is " + DataTypes.name(t) + ", " + node.opType() + " takes "
                        + (kind == Kind.SHIFT ? "unsigned integers" : "integers") + " of one type");
                return;
            }
        }
        String out = node.output(0);
        switch (kind) {
            case AND -> b.emit(node, new Elementwise(Elementwise.Kind.BIT_AND), node.inputs(), List.of(out), type);
            case OR -> b.emit(node, new Elementwise(Elementwise.Kind.BIT_OR), node.inputs(), List.of(out), type);
            case XOR -> b.emit(node, new Elementwise(Elementwise.Kind.BIT_XOR), node.inputs(), List.of(out), type);
            case NOT -> {
                float allOnes = DataTypes.isSigned(type) ? -1f : (float) (Math.pow(2, DataTypes.bits(type)) - 1);
                b.emit(node, new Elementwise(Elementwise.Kind.SUB), List.of(b.floats(node, "all_ones", allOnes), x), List.of(out), type);
            }
            case SHIFT -> shift(node, b, x, type);
        }
    }

    private static void shift(OnnxNode node, OnnxGraphBuilder b, String x, int type) {
        String direction = node.stringAttr("direction", "");
        if (!direction.equals("LEFT") && !direction.equals("RIGHT")) {
            node.problem("direction='" + direction + "' is not supported (LEFT or RIGHT)");
            return;
        }
        String factor = b.fresh(node, "factor");
        String out = node.output(0);
        if (!b.emit(node, new Elementwise(Elementwise.Kind.POW), List.of(b.floats(node, "two", 2f), node.input(1)), List.of(factor),
                DataTypes.FLOAT)) {
            return;
        }
        if (direction.equals("LEFT")) {
            String product = b.fresh(node, "product");
            if (b.emit(node, new Elementwise(Elementwise.Kind.MUL), List.of(x, factor), List.of(product), DataTypes.FLOAT)) {
                String modulus = b.floats(node, "modulus", (float) Math.pow(2, DataTypes.bits(type)));
                b.emit(node, new Elementwise(Elementwise.Kind.MOD), List.of(product, modulus), List.of(out), type);
            }
            return;
        }
        String quotient = b.fresh(node, "quotient");
        if (b.emit(node, new Elementwise(Elementwise.Kind.DIV), List.of(x, factor), List.of(quotient), DataTypes.FLOAT)) {
            b.emit(node, new ActivationOp(Activation.of(Activation.Kind.FLOOR)), List.of(quotient), List.of(out), type);
        }
    }
}
