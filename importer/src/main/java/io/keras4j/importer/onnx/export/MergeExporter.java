package io.keras4j.importer.onnx.export;

import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.ops.OpSpec;
import java.util.List;

/**
 * Keras Add, Subtract, Multiply, Average, Maximum and Minimum folded left to right (Average then divided by n), an input
 * of lower rank given axes of size 1 after the batch axis first; the masks that Maximum, Minimum and Multiply apply
 * as Where on each mask, as Keras 3 does.
 */
final class MergeExporter implements OpExporter {
    @Override
    public void export(Node node, OnnxWriter w) {
        OpSpec s = node.op().spec();
        String kind = s.stringAttr("kind");
        int[] masked = s.intsAttr("masked");
        int n = masked.length;
        boolean masksApply = (kind.equals("MAXIMUM") || kind.equals("MINIMUM") || kind.equals("MULTIPLY"))
                && node.inputs().size() > n;
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
        if (masksApply) {
            writeMasked(node, w, op, masked, rank, out);
            return;
        }
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

    /**
     * Keras 3's masked Maximum and Minimum ({@code _apply_merge_op_and_or_mask}: a masked value is replaced by the
     * running result, a masked running result by the value) and Multiply (a masked value is 1; 0 where every input has a
     * mask and all are masked), each mask broadcast over its value's last axis.
     */
    private static void writeMasked(Node node, OnnxWriter w, String op, int[] masked, int rank, String out) {
        int n = masked.length;
        String[] valid = new String[n];
        int m = n;
        for (int k = 0; k < n; k++) {
            if (masked[k] != 0) {
                valid[k] = w.binary("Unsqueeze", ElementwiseExporter.bool(w, node.inputs().get(m++)), w.longs(-1));
            }
        }
        String acc = ranked(w, node.inputs().get(0), rank);
        if (op.equals("Mul")) {
            String anyValid = valid[0];
            acc = valid[0] == null ? acc : w.apply("Where", List.of(valid[0], acc, w.scalar(1f)));
            for (int k = 1; k < n; k++) {
                String v = ranked(w, node.inputs().get(k), rank);
                acc = w.binary("Mul", acc, valid[k] == null ? v : w.apply("Where", List.of(valid[k], v, w.scalar(1f))));
                anyValid = anyValid == null || valid[k] == null ? null : w.binary("Or", anyValid, valid[k]);
            }
            if (anyValid == null) {
                w.add("Identity", List.of(acc), List.of(out));
            } else {
                w.add("Where", List.of(anyValid, acc, w.scalar(0f)), List.of(out));
            }
            return;
        }
        String outValid = valid[0];
        for (int k = 1; k < n; k++) {
            String v = ranked(w, node.inputs().get(k), rank);
            if (valid[k] != null) {
                v = w.apply("Where", List.of(valid[k], v, acc));
            }
            if (outValid != null) {
                acc = w.apply("Where", List.of(outValid, acc, v));
                outValid = valid[k] == null ? null : w.binary("Or", outValid, valid[k]);
            }
            acc = w.binary(op, acc, v);
        }
        w.add("Identity", List.of(acc), List.of(out));
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
