package io.keras4j.importer.onnx.export;

import static io.keras4j.importer.onnx.export.OnnxWriter.attr;

import io.keras4j.runtime.graph.Node;
import java.util.List;

/**
 * Elementwise functions of two inputs: arithmetic, Max and Min as the ONNX operators of those names; comparisons and
 * logical operations (on truth values: nonzero is true) as the ONNX ones, their bools cast back to 1 and 0; fmod as
 * Mod with {@code fmod=1}; floor division as {@code Floor(x / y)} and floor modulo as fmod moved by y where the signs
 * differ. Integer division and modulo, atan2, hypot, logaddexp and the bitwise operations are refused.
 */
final class ElementwiseExporter implements OpExporter {
    @Override
    public void export(Node node, OnnxWriter w) {
        String kind = node.op().spec().stringAttr("kind");
        String x = node.inputs().get(0);
        String y = node.inputs().get(1);
        List<String> out = node.outputs();
        switch (kind) {
            case "ADD", "SUB", "MUL", "DIV", "POW", "MAX", "MIN" -> w.add(node.op().type(), node.inputs(), out);
            case "EQUAL", "GREATER", "LESS", "GREATER_OR_EQUAL", "LESS_OR_EQUAL" -> truth(w, w.binary(node.op().type(), x, y), out);
            case "NOT_EQUAL" -> truth(w, w.unary("Not", w.binary("Equal", x, y)), out);
            case "AND", "OR", "XOR" -> truth(w, w.binary(node.op().type(), bool(w, x), bool(w, y)), out);
            case "FMOD" -> w.add("Mod", node.inputs(), out).addAttribute(attr("fmod", 1));
            case "FLOOR_DIV" -> w.add("Floor", List.of(w.binary("Div", x, y)), out);
            case "FLOOR_MOD" -> {
                String r = w.binary("Mod", x, y, attr("fmod", 1));
                String zero = w.scalar(0f);
                String signsDiffer = w.binary("Xor", w.binary("Less", r, zero), w.binary("Less", y, zero));
                String move = w.binary("And", w.unary("Not", w.binary("Equal", r, zero)), signsDiffer);
                w.add("Where", List.of(move, w.binary("Add", r, y), r), out);
            }
            default -> w.problem(node, "the exporter does not write " + node.op().type() + " (" + kind + ")");
        }
    }

    /** A bool as 1 or 0. */
    private static void truth(OnnxWriter w, String bool, List<String> out) {
        w.add("Cast", List.of(bool), out).addAttribute(attr("to", OnnxWriter.FLOAT));
    }

    /** A value as a truth value: nonzero (NaN included) is true. */
    static String bool(OnnxWriter w, String x) {
        return w.unary("Cast", x, attr("to", OnnxWriter.BOOL));
    }
}
