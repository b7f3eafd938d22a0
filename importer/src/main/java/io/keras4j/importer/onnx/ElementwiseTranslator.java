package io.keras4j.importer.onnx;

import io.keras4j.importer.onnx.proto.Onnx.TensorProto.DataType;
import io.keras4j.runtime.ops.Identity;
import io.keras4j.runtime.ops.primitive.Elementwise;
import java.util.ArrayList;
import java.util.List;

/**
 * ONNX Add, Sub, Mul, Div (integer Div when both inputs are integers), Mod (fmod 0: the divisor's sign, integers only; 1:
 * the dividend's), Pow, the comparisons and And, Or, Xor of bool inputs (a bool result), and Max, Min, Sum and Mean
 * of one or more inputs (folded left to right into binary ops, Mean's sum then divided by the count; one input is an
 * Identity).
 */
final class ElementwiseTranslator implements OpTranslator {
    private final Elementwise.Kind kind;
    private final boolean variadic;
    private final boolean mean;

    ElementwiseTranslator(Elementwise.Kind kind) {
        this(kind, kind == Elementwise.Kind.MAX || kind == Elementwise.Kind.MIN, false);
    }

    private ElementwiseTranslator(Elementwise.Kind kind, boolean variadic, boolean mean) {
        this.kind = kind;
        this.variadic = variadic;
        this.mean = mean;
    }

    /** ONNX Sum: Add of one or more floating-point inputs. */
    static ElementwiseTranslator sum() {
        return new ElementwiseTranslator(Elementwise.Kind.ADD, true, false);
    }

    /** ONNX Mean: the Sum of one or more floating-point inputs divided by their count. */
    static ElementwiseTranslator mean() {
        return new ElementwiseTranslator(Elementwise.Kind.ADD, true, true);
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        List<String> ins = new ArrayList<>(node.inputs());
        if (!variadic && Args.required(node, 1, "B") == null) {
            return;
        }
        if (node.has("broadcast") || node.has("axis")) {
            node.problem("the legacy attributes broadcast/axis (opset < 7) are not supported");
            return;
        }
        if (ins.stream().anyMatch(String::isEmpty)) {
            node.problem("an input is missing (empty name)");
            return;
        }
        String x = ins.get(0);
        if (ins.size() == 1) {
            b.emit(node, new Identity(node.opType()), List.of(x), List.of(node.output(0)), b.type(x));
            return;
        }
        if (kind == Elementwise.Kind.ADD && variadic && !DataTypes.isFloat(b.type(x))) {
            node.problem("input '" + x + "' is " + DataTypes.name(b.type(x)) + ", " + node.opType()
                    + " takes floating-point inputs");
            return;
        }
        boolean logical = kind == Elementwise.Kind.AND || kind == Elementwise.Kind.OR || kind == Elementwise.Kind.XOR;
        for (String in : ins) {
            if (logical && b.type(in) != DataType.BOOL_VALUE) {
                node.problem("input '" + in + "' is " + DataTypes.name(b.type(in)) + ", " + node.opType() + " takes bool");
                return;
            }
        }
        boolean integers = ins.stream().allMatch(b::isInteger);
        Elementwise.Kind k = kind == Elementwise.Kind.DIV && integers ? Elementwise.Kind.INT_DIV : kind;
        if (kind == Elementwise.Kind.MOD) {
            long fmod = node.intAttr("fmod", 0);
            if (fmod != 0 && fmod != 1) {
                node.problem("fmod=" + fmod + " is not supported (0 or 1)");
                return;
            }
            k = fmod == 1 ? Elementwise.Kind.FMOD : Elementwise.Kind.MOD;
            if (k == Elementwise.Kind.MOD && !integers) {
                node.problem("fmod=0 on floating-point inputs is not valid ONNX (set fmod=1)");
                return;
            }
        }
        int type = kind.givesTruth() ? DataType.BOOL_VALUE : b.type(x);
        for (int i = 1; i < ins.size(); i++) {
            String out = i == ins.size() - 1 && !mean ? node.output(0) : b.fresh(node, "partial");
            b.emit(node, new Elementwise(k), List.of(x, ins.get(i)), List.of(out), type);
            x = out;
        }
        if (mean) {
            String count = b.fresh(node, "count");
            b.defineConstant(count, OnnxTensor.ofFloats(DataType.FLOAT_VALUE, new int[0], new float[] {ins.size()}));
            b.materialize(count);
            b.emit(node, new Elementwise(Elementwise.Kind.DIV), List.of(x, count), List.of(node.output(0)), type);
        }
    }
}
