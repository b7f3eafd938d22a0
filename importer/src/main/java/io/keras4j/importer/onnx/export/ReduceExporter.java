package io.keras4j.importer.onnx.export;

import static io.keras4j.importer.onnx.export.OnnxWriter.attr;

import io.keras4j.importer.onnx.proto.Onnx.NodeProto;
import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.ops.OpSpec;
import java.util.List;

/** ONNX ReduceMean, ReduceSum, ReduceMax, ... over the same axes (all when none are given), keeping them or not. */
final class ReduceExporter implements OpExporter {
    @Override
    public void export(Node node, OnnxWriter w) {
        OpSpec s = node.op().spec();
        long[] axes = s.longsAttr("axes");
        String op = node.op().type();
        boolean axesInput = op.equals("ReduceSum"); // opset 13 made ReduceSum's axes an input; the others' wait for 18
        List<String> in = axesInput && axes.length > 0 ? List.of(node.inputs().get(0), w.longs(axes)) : node.inputs();
        NodeProto.Builder b = w.add(op, in, node.outputs()).addAttribute(attr("keepdims", s.boolAttr("keepdims") ? 1 : 0));
        if (!axesInput && axes.length > 0) {
            int[] ints = new int[axes.length];
            for (int i = 0; i < axes.length; i++) {
                ints[i] = Math.toIntExact(axes[i]);
            }
            b.addAttribute(OnnxWriter.ints("axes", ints));
        }
    }
}
