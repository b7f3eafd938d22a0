package io.keras4j.importer.onnx.export;

import static io.keras4j.importer.onnx.export.OnnxWriter.attr;

import io.keras4j.importer.onnx.proto.Onnx.TensorProto.DataType;
import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.ops.OpSpec;
import java.util.List;

/**
 * A cast to bool or to an integer type as ONNX Cast to that type and back to float, which keras4j's values are: the
 * runtime op computes what ONNX Runtime's cast gives. An integer cast to a narrower type is written as a cast to int64
 * wrapped by Mod into the type's range, then cast to float, so that it wraps as an integer (int16 of 3e9 is 24064):
 * ONNX Runtime's cast of the float to int8, int16 or int32 turns an integer beyond int32 into the lowest int32 first,
 * and it removes a cast to int64 followed by one to the narrower type as a duplicate, at every optimization level.
 */
final class CastExporter implements OpExporter {
    @Override
    public void export(Node node, OnnxWriter w) {
        OpSpec s = node.op().spec();
        String mode = s.stringAttr("mode");
        int type;
        if (mode.equals("BOOL")) {
            type = OnnxWriter.BOOL;
        } else if (mode.equals("TRUNCATE_V2")) {
            w.problem(node, "the cast of .k4j format 2 (NaN and infinities kept) has no ONNX form");
            return;
        } else {
            type = DataType.valueOf((s.boolAttr("signed") ? "INT" : "UINT") + s.intAttr("bits")).getNumber();
        }
        String x = node.inputs().get(0);
        if (mode.equals("WRAP") && s.intAttr("bits") < 64) {
            long range = 1L << s.intAttr("bits");
            long half = s.boolAttr("signed") ? range / 2 : 0;
            String wide = w.unary("Cast", x, attr("to", DataType.INT64.getNumber()));
            String shifted = half == 0 ? wide : w.binary("Add", wide, w.longScalar(half));
            String wrapped = w.binary("Mod", shifted, w.longScalar(range));
            String back = half == 0 ? wrapped : w.binary("Sub", wrapped, w.longScalar(half));
            w.add("Cast", List.of(back), node.outputs()).addAttribute(attr("to", OnnxWriter.FLOAT));
            return;
        }
        String cast = w.unary("Cast", x, attr("to", type));
        w.add("Cast", List.of(cast), node.outputs()).addAttribute(attr("to", OnnxWriter.FLOAT));
    }
}
