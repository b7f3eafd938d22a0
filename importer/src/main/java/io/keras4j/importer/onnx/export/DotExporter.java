package io.keras4j.importer.onnx.export;

import static io.keras4j.importer.onnx.export.OnnxWriter.attr;

import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.ops.OpSpec;
import java.util.List;

/**
 * Keras Dot ({@code batch_dot}) as ONNX Einsum summing x's axis against y's for each sample ({@code [batch, 1]} for two
 * rank-2 inputs); with {@code normalize} each input first scaled by {@code min(1/sqrt(Σv²), 1e7)} along that axis.
 */
final class DotExporter implements OpExporter {
    @Override
    public void export(Node node, OnnxWriter w) {
        OpSpec s = node.op().spec();
        int xAxis = s.intAttr("x_axis");
        int yAxis = s.intAttr("y_axis");
        String x = node.inputs().get(0);
        String y = node.inputs().get(1);
        int xRank = w.shape(x).length;
        int yRank = w.shape(y).length;
        if (s.boolAttr("normalize")) {
            x = normalized(w, x, xAxis);
            y = normalized(w, y, yAxis);
        }
        StringBuilder xs = new StringBuilder("a");
        StringBuilder ys = new StringBuilder("a");
        StringBuilder out = new StringBuilder("a");
        char next = 'c';
        for (int d = 1; d < xRank; d++) {
            char c = d == xAxis ? 'b' : next++;
            xs.append(c);
            if (d != xAxis) {
                out.append(c);
            }
        }
        for (int d = 1; d < yRank; d++) {
            char c = d == yAxis ? 'b' : next++;
            ys.append(c);
            if (d != yAxis) {
                out.append(c);
            }
        }
        String equation = xs + "," + ys + "->" + out;
        if (xRank == 2 && yRank == 2) {
            w.add("Unsqueeze", List.of(w.apply("Einsum", List.of(x, y), attr("equation", equation)), w.longs(1)), node.outputs());
        } else {
            w.add("Einsum", List.of(x, y), node.outputs()).addAttribute(attr("equation", equation));
        }
    }

    private static String normalized(OnnxWriter w, String v, int axis) {
        String sumSquares = w.unary("ReduceSumSquare", v, OnnxWriter.ints("axes", axis), attr("keepdims", 1));
        String scale = w.binary("Min", w.unary("Reciprocal", w.unary("Sqrt", sumSquares)), w.scalar(1e7f));
        return w.binary("Mul", v, scale);
    }
}
