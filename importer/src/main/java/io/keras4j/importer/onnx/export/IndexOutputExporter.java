package io.keras4j.importer.onnx.export;

import static io.keras4j.importer.onnx.export.OnnxWriter.attr;

import io.keras4j.importer.onnx.proto.Onnx.NodeProto;
import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.ops.OpSpec;
import java.util.List;

/**
 * The primitives whose ONNX operators give int64 (ArgMax, ArgMin, TopK's indices, Shape), written as those operators with
 * the integers cast to the floats keras4j holds. ArgMax and ArgMin as Keras' TensorFlow backend compares (NaN never
 * chosen) are refused: ONNX Runtime may choose NaN.
 */
final class IndexOutputExporter implements OpExporter {
    @Override
    public void export(Node node, OnnxWriter w) {
        OpSpec s = node.op().spec();
        String x = node.inputs().get(0);
        List<String> out = node.outputs();
        switch (s.type()) {
            case "ArgExtreme" -> {
                if (s.boolAttr("tensorflow")) {
                    w.problem(node, "TensorFlow's argmax/argmin never choose NaN where ONNX Runtime's may");
                    return;
                }
                String index = w.unary(s.boolAttr("max") ? "ArgMax" : "ArgMin", x, attr("axis", s.intAttr("axis")),
                        attr("keepdims", s.boolAttr("keepdims") ? 1 : 0), attr("select_last_index", s.boolAttr("last") ? 1 : 0));
                asFloat(w, index, out.get(0));
            }
            case "TopK" -> {
                String k = w.binary("Reshape", w.int64(node.inputs().get(1)), w.longs(1));
                String indices = w.fresh(node.name() + "/indices");
                NodeProto.Builder b = w.add("TopK", List.of(x, k), List.of(out.get(0), indices));
                b.addAttribute(attr("axis", s.intAttr("axis"))).addAttribute(attr("largest", s.boolAttr("largest") ? 1 : 0))
                        .addAttribute(attr("sorted", 1));
                asFloat(w, indices, out.get(1));
            }
            default -> asFloat(w, w.unary("Shape", x, attr("start", s.longAttr("start")), attr("end", s.longAttr("end"))),
                    out.get(0));
        }
    }

    private static void asFloat(OnnxWriter w, String x, String out) {
        w.add("Cast", List.of(x), List.of(out)).addAttribute(attr("to", OnnxWriter.FLOAT));
    }
}
