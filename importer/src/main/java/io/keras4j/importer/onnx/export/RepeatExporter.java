package io.keras4j.importer.onnx.export;

import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.ops.OpSpec;
import java.util.Arrays;
import java.util.List;

/**
 * Every entry repeated in place along one axis (Keras UpSampling1D): an axis of size 1 after it, expanded to the count,
 * then merged into the axis by a Reshape that needs the sizes of the axes after it.
 */
final class RepeatExporter implements OpExporter {
    @Override
    public void export(Node node, OnnxWriter w) {
        OpSpec s = node.op().spec();
        int axis = s.intAttr("axis");
        int times = s.intAttr("times");
        String x = node.inputs().get(0);
        int[] shape = w.shape(x);
        long[] expand = new long[shape.length + 1];
        Arrays.fill(expand, 1);
        expand[axis + 1] = times;
        long[] merged = new long[shape.length];
        merged[axis] = -1;
        for (int d = axis + 1; d < shape.length; d++) {
            if (shape[d] < 0) {
                w.problem(node, "repeating along axis " + axis + " of a value whose axis " + d + " is known only at run time");
                return;
            }
            merged[d] = shape[d];
        }
        String repeated = w.binary("Expand", w.binary("Unsqueeze", x, w.longs(axis + 1)), w.longs(expand));
        w.add("Reshape", List.of(repeated, w.longs(merged)), node.outputs());
    }
}
