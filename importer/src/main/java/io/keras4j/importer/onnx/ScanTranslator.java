package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.flow.Scan;
import java.util.ArrayList;
import java.util.List;

/**
 * ONNX Scan of opset 9 and later: num_scan_inputs, scan_input_axes, scan_input_directions, scan_output_axes and
 * scan_output_directions (negative axes counted from the end), with values of the enclosing graphs read in the body.
 * Opset 8's Scan (a batch axis and sequence_lens) is refused.
 */
final class ScanTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        if (b.opset() < 9) {
            node.problem("Scan of opset " + b.opset() + " (a batch axis and sequence_lens) is not supported; keras4j reads"
                    + " Scan of opset 9 and later");
            return;
        }
        long n = node.intAttr("num_scan_inputs", -1);
        if (n < 1 || n > node.inputCount()) {
            node.problem("attribute num_scan_inputs=" + n + " must be 1 to the node's " + node.inputCount() + " inputs");
            return;
        }
        int scans = (int) n;
        int states = node.inputCount() - scans;
        List<int[]> shapes = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        for (int i = 0; i < states; i++) {
            String state = Args.required(node, i, "initial state " + i);
            if (state == null) {
                return;
            }
            shapes.add(b.shape(state));
            types.add(b.type(state));
        }
        int[] inputAxes = new int[scans];
        long[] axes = node.intsAttr("scan_input_axes");
        boolean[] inputReverse = directions(node, "scan_input_directions", scans);
        for (int j = 0; j < scans; j++) {
            String x = Args.required(node, states + j, "scan input " + j);
            if (x == null || inputReverse == null) {
                return;
            }
            int[] s = b.shape(x);
            inputAxes[j] = axis(node, "scan_input_axes", axes, scans, j, s.length);
            if (inputAxes[j] < 0) {
                return;
            }
            int[] step = new int[s.length - 1];
            System.arraycopy(s, 0, step, 0, inputAxes[j]);
            System.arraycopy(s, inputAxes[j] + 1, step, inputAxes[j], step.length - inputAxes[j]);
            shapes.add(step);
            types.add(b.type(x));
        }
        Subgraph body = Subgraph.of(node, "body", b, shapes, types);
        if (body == null || !body.outputCount(node.outputs().size())) {
            return;
        }
        int outputs = node.outputs().size() - states;
        boolean[] outputReverse = directions(node, "scan_output_directions", outputs);
        long[] outAxes = node.intsAttr("scan_output_axes");
        int[] outputAxes = new int[outputs];
        for (int k = 0; k < outputs; k++) {
            outputAxes[k] = axis(node, "scan_output_axes", outAxes, outputs, k, body.rank(states + k) + 1);
            if (outputAxes[k] < 0) {
                return;
            }
        }
        if (outputReverse == null) {
            return;
        }
        int[] outTypes = new int[node.outputs().size()];
        for (int i = 0; i < outTypes.length; i++) {
            outTypes[i] = body.type(i);
        }
        List<String> inputs = new ArrayList<>(node.inputs());
        inputs.addAll(body.captured());
        b.emit(node, new Scan(body.graph(body.captured()), states, inputAxes, inputReverse, outputAxes, outputReverse), inputs,
                node.outputs(), outTypes);
    }

    /** Axis {@code i} of attribute {@code name} (0 when absent) in 0 to rank - 1, or -1 after a problem. */
    private static int axis(OnnxNode node, String name, long[] axes, int count, int i, int rank) {
        if (axes != null && axes.length != count) {
            node.problem("attribute " + name + " has " + axes.length + " values for " + count + (count == 1 ? " tensor" : " tensors"));
            return -1;
        }
        long a = axes == null ? 0 : axes[i];
        if (a < -rank || a >= rank) {
            node.problem("attribute " + name + " is " + java.util.Arrays.toString(axes) + "; value " + i + " must be in "
                    + -rank + " to " + (rank - 1) + " (rank " + rank + ")");
            return -1;
        }
        return (int) (a < 0 ? a + rank : a);
    }

    /** A directions attribute (0 forward, 1 reverse; all forward when absent), or null after a problem. */
    private static boolean[] directions(OnnxNode node, String name, int count) {
        long[] d = node.intsAttr(name);
        boolean[] reverse = new boolean[count];
        if (d == null) {
            return reverse;
        }
        if (d.length != count) {
            node.problem("attribute " + name + " has " + d.length + " values for " + count + (count == 1 ? " tensor" : " tensors"));
            return null;
        }
        for (int i = 0; i < count; i++) {
            if (d[i] != 0 && d[i] != 1) {
                node.problem("attribute " + name + " is " + java.util.Arrays.toString(d) + "; each value must be 0 or 1");
                return null;
            }
            reverse[i] = d[i] == 1;
        }
        return reverse;
    }
}
