package io.keras4j.importer.onnx.export;

import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.ops.OpSpec;
import java.util.List;

/**
 * Keras Add, Subtract, Multiply, Average, Maximum and Minimum folded left to right (Average then divided by n), an input
 * of lower rank given axes of size 1 after the batch axis first; masks, which only Maximum, Minimum and Multiply apply,
 * are refused there.
 */
final class MergeExporter implements OpExporter {
    @Override
    public void export(Node node, OnnxWriter w) {
        OpSpec s = node.op().spec();
        String kind = s.stringAttr("kind");
        int[] masked = s.intsAttr("masked");
        int n = masked.length;
        boolean masksApply = kind.equals("MAXIMUM") || kind.equals("MINIMUM") || kind.equals("MULTIPLY");
        if (masksApply && node.inputs().size() > n) {
            w.problem(node, "masked inputs: Keras replaces masked values by the running result, which the exporter does"
                    + " not write");
            return;
        }
        String op = switch (kind) {
            case "ADD", "AVERAGE" -> "Add";
            case "SUBTRACT" -> "Sub";
            case "MULTIPLY" -> "Mul";
            case "MAXIMUM" -> "Max";
            default -> "Min";
        };
        int rank = 0;
        for (int k = 0; k < n; k++) {
            rank = Math.max(rank, w.shape(node.inputs().get(k)).length);
        }
        String out = node.outputs().get(0);
        boolean average = kind.equals("AVERAGE");
        String acc = ranked(w, node.inputs().get(0), rank);
        for (int k = 1; k < n; k++) {
            String next = k == n - 1 && !average ? out : w.fresh(node.name() + "/" + op);
            w.add(op, List.of(acc, ranked(w, node.inputs().get(k), rank)), List.of(next));
            acc = next;
        }
        if (average) {
            w.add("Div", List.of(acc, w.scalar(n)), List.of(out));
        } else if (n == 1) {
            w.add("Identity", List.of(acc), List.of(out));
        }
    }

    /** {@code x} with axes of size 1 inserted after the batch axis up to rank {@code rank}. */
    private static String ranked(OnnxWriter w, String x, int rank) {
        int missing = rank - w.shape(x).length;
        if (missing == 0) {
            return x;
        }
        long[] axes = new long[missing];
        for (int i = 0; i < missing; i++) {
            axes[i] = i + 1;
        }
        return w.binary("Unsqueeze", x, w.longs(axes));
    }
}
