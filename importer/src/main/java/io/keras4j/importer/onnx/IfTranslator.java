package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.flow.If;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * ONNX If. A condition known at import (a constant, or folded from constants and static shapes) inlines the branch it
 * chooses; one known only at run time becomes an If op running one of the two translated branches, which must give
 * outputs of the same ranks and element types.
 */
final class IfTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String cond = node.input(0);
        OnnxTensor known = b.constant(cond);
        if (known != null) {
            if (known.size() != 1) {
                node.problem("the condition must be one value, got " + known);
                return;
            }
            boolean chosen = known.floats()[0] != 0;
            node.graphAttr(chosen ? "else_branch" : "then_branch");
            Subgraph.inline(node, chosen ? "then_branch" : "else_branch", b);
            return;
        }
        Subgraph then = Subgraph.of(node, "then_branch", b, List.of(), List.of());
        Subgraph otherwise = Subgraph.of(node, "else_branch", b, List.of(), List.of());
        if (then == null || otherwise == null || !then.outputCount(node.outputs().size())
                || !otherwise.outputCount(node.outputs().size())) {
            return;
        }
        int[] types = new int[node.outputs().size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = then.type(i);
            if (then.type(i) != otherwise.type(i) || then.rank(i) != otherwise.rank(i)) {
                node.problem("output " + i + " is " + DataTypes.name(then.type(i)) + " of rank " + then.rank(i) + " in then_branch but "
                        + DataTypes.name(otherwise.type(i)) + " of rank " + otherwise.rank(i)
                        + " in else_branch; keras4j needs the same element type and rank from both");
                return;
            }
        }
        Set<String> captured = new LinkedHashSet<>(then.captured());
        captured.addAll(otherwise.captured());
        List<String> read = new ArrayList<>(captured);
        List<String> inputs = new ArrayList<>(List.of(cond));
        inputs.addAll(read);
        b.emit(node, new If(then.graph(read), otherwise.graph(read)), inputs, node.outputs(), types);
    }
}
