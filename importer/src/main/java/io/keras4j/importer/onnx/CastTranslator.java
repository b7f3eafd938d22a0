package io.keras4j.importer.onnx;

import io.keras4j.importer.onnx.proto.Onnx.TensorProto.DataType;
import io.keras4j.runtime.ops.Identity;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.primitive.Cast;
import java.util.List;

/**
 * ONNX Cast, and CastLike (to the type of its second input): to float32 or float64 the values stay (the runtime computes
 * in float32); to an integer type as ONNX Runtime on x86-64 casts (see {@link Cast}); to bool non-zero is 1.
 * Casts to 16-bit floats (which round) are refused.
 */
final class CastTranslator implements OpTranslator {
    private final boolean like;

    /** @param like CastLike: the type comes from the second input */
    CastTranslator(boolean like) {
        this.like = like;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        int to = like ? b.type(node.input(1)) : (int) node.intAttr("to", -1);
        node.intAttr("saturate", 1);
        String x = node.input(0);
        Op op;
        if (to == DataType.FLOAT_VALUE || to == DataType.DOUBLE_VALUE) {
            op = new Identity("Cast");
        } else if (to == DataType.BOOL_VALUE) {
            op = Cast.toBool();
        } else if (to == DataType.INT64_VALUE && b.isInteger(x) && b.type(x) != DataType.UINT64_VALUE) {
            op = new Identity("Cast");
        } else if (DataTypes.isInteger(to)) {
            op = b.isInteger(x) ? Cast.integerToInteger(DataTypes.bits(to), DataTypes.isSigned(to))
                    : Cast.floatToInteger(DataTypes.bits(to), DataTypes.isSigned(to));
        } else {
            node.problem("cast to " + DataTypes.name(to) + " is not supported (float, double, integer types, bool)");
            return;
        }
        b.emit(node, op, List.of(x), List.of(node.output(0)), to);
    }
}
