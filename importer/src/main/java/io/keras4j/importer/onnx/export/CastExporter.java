package io.keras4j.importer.onnx.export;

import static io.keras4j.importer.onnx.export.OnnxWriter.attr;

import io.keras4j.importer.onnx.proto.Onnx.TensorProto.DataType;
import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.ops.OpSpec;
import java.util.List;

/**
 * A cast to bool or to an integer type as ONNX Cast to that type and back to float, which keras4j's values are: the
 * runtime op computes what ONNX Runtime's cast gives.
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
        String cast = w.unary("Cast", node.inputs().get(0), attr("to", type));
        w.add("Cast", List.of(cast), node.outputs()).addAttribute(attr("to", OnnxWriter.FLOAT));
    }
}
