package io.keras4j.importer.onnx.export;

import io.keras4j.importer.onnx.proto.Onnx.NodeProto;
import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.ops.OpSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A runtime primitive that is an ONNX operator of the same meaning (Gather, Slice, Concat, MatMul, Tile, Expand,
 * Reshape, Flatten, Einsum), written as that operator: the inputs from {@code firstIndexInput} on (indices, bounds,
 * shapes, counts) as int64, and the spec's attribute {@code attribute}, if any, under the same name.
 */
final class DirectExporter implements OpExporter {
    private final String operator;
    private final String attribute;
    private final int firstIndexInput;

    /**
     * @param firstIndexInput inputs from this one on are indices, bounds, shapes or counts
     * @param attribute       the spec's integer or string attribute ONNX takes as such, or null
     */
    DirectExporter(String operator, int firstIndexInput, String attribute) {
        this.operator = operator;
        this.firstIndexInput = firstIndexInput;
        this.attribute = attribute;
    }

    /** An operator whose inputs are all values. */
    DirectExporter(String operator, String attribute) {
        this(operator, Integer.MAX_VALUE, attribute);
    }

    @Override
    public void export(Node node, OnnxWriter w) {
        List<String> inputs = new ArrayList<>(node.inputs());
        for (int i = firstIndexInput; i < inputs.size(); i++) {
            inputs.set(i, w.int64(inputs.get(i)));
        }
        NodeProto.Builder b = w.add(operator, inputs, node.outputs());
        OpSpec s = node.op().spec();
        if (attribute != null) {
            Object value = s.attributes().get(attribute);
            b.addAttribute(value instanceof String text ? OnnxWriter.attr(attribute, text)
                    : OnnxWriter.attr(attribute, ((Number) value).longValue()));
        }
        if (s.has("allow_zero")) {
            b.addAttribute(OnnxWriter.attr("allowzero", s.boolAttr("allow_zero") ? 1 : 0));
        }
    }
}
