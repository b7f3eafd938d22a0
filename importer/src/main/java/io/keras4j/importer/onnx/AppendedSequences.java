package io.keras4j.importer.onnx;

import io.keras4j.importer.onnx.proto.Onnx.AttributeProto;
import io.keras4j.importer.onnx.proto.Onnx.GraphProto;
import io.keras4j.importer.onnx.proto.Onnx.NodeProto;
import io.keras4j.importer.onnx.proto.Onnx.ValueInfoProto;
import java.util.ArrayList;
import java.util.List;

/**
 * What torch.jit.script writes for a Python list appended to in a loop ({@code outs = []; for t in ...: outs.append(h)}):
 * a Loop carrying a sequence that starts empty (SequenceEmpty) and to which the body appends one tensor at its end
 * (SequenceInsert without a position), reading it nowhere else. Each such carried sequence becomes a scan output of the
 * appended tensor, which the Loop stacks along a new axis 0, so that after the loop the sequence is that stacked tensor
 * ({@link SequenceValue#stacking}). Any other carried sequence is refused.
 */
final class AppendedSequences {
    private final List<Integer> sequences;
    private final GraphProto body;
    private final List<String> stacked = new ArrayList<>();

    private AppendedSequences(List<Integer> sequences, GraphProto body) {
        this.sequences = sequences;
        this.body = body;
    }

    /**
     * The Loop's carried sequences (from its initial values {@code initial}) and its body rewritten; null after a problem,
     * or when the body is missing.
     */
    static AppendedSequences of(OnnxNode node, OnnxGraphBuilder b, List<String> initial) {
        GraphProto g = node.graphAttr("body");
        if (g == null) {
            node.problem("attribute body is missing");
            return null;
        }
        GraphProto.Builder rewritten = g.toBuilder();
        List<Integer> sequences = new ArrayList<>();
        for (int k = initial.size() - 1; k >= 0; k--) {
            SequenceValue s = b.sequence(initial.get(k));
            if (s == null) {
                continue;
            }
            Integer insert = s.isStatic() && s.elements().isEmpty() ? appending(g, k) : null;
            if (insert == null) {
                node.problem("carried value " + k + " ('" + initial.get(k) + "') is a sequence; keras4j carries one only when it"
                        + " starts empty (SequenceEmpty) and the body appends one tensor at its end (SequenceInsert without a"
                        + " position) and reads it nowhere else, as torch.jit.script writes a list appended to in a loop");
                return null;
            }
            NodeProto n = g.getNode(insert);
            rewritten.setNode(insert, n.toBuilder().setOpType("Identity").clearInput().addInput(n.getInput(1)));
            rewritten.removeInput(2 + k);
            ValueInfoProto out = rewritten.getOutput(1 + k);
            rewritten.removeOutput(1 + k).addOutput(g.getOutputCount() - 1 - sequences.size(), out);
            sequences.add(0, k);
        }
        return new AppendedSequences(sequences, rewritten.build());
    }

    /** The index of the body's node appending to carried sequence {@code k}, or null when it does not only append. */
    private static Integer appending(GraphProto g, int k) {
        if (g.getInputCount() <= 2 + k || g.getOutputCount() <= 1 + k) {
            return null;
        }
        String in = g.getInput(2 + k).getName();
        String out = g.getOutput(1 + k).getName();
        for (int i = 0; i < g.getNodeCount(); i++) {
            NodeProto n = g.getNode(i);
            if (n.getOpType().equals("SequenceInsert") && n.getDomain().isEmpty() && n.getInputCount() == 2
                    && n.getInput(0).equals(in) && n.getOutputCount() == 1 && n.getOutput(0).equals(out)) {
                return uses(g, in) == 1 && uses(g, out) == 1 ? i : null;
            }
        }
        return null;
    }

    /** How many times {@code value} is read in {@code g} (by its nodes, as its outputs, and in its nested graphs). */
    private static int uses(GraphProto g, String value) {
        int n = (int) g.getOutputList().stream().filter(o -> o.getName().equals(value)).count();
        for (NodeProto node : g.getNodeList()) {
            n += (int) node.getInputList().stream().filter(value::equals).count();
            for (AttributeProto a : node.getAttributeList()) {
                n += a.hasG() ? uses(a.getG(), value) : 0;
                for (GraphProto sub : a.getGraphsList()) {
                    n += uses(sub, value);
                }
            }
        }
        return n;
    }

    /** The body with each carried sequence's input removed and its output, the appended tensor, last among the scan outputs. */
    GraphProto body() {
        return body;
    }

    /** The initial values without the sequences'. */
    List<String> tensors(List<String> initial) {
        List<String> tensors = new ArrayList<>(initial);
        for (int i = sequences.size() - 1; i >= 0; i--) {
            tensors.remove((int) sequences.get(i));
        }
        return tensors;
    }

    /** The rewritten Loop's outputs: the node's without the sequences', then a fresh name for each sequence's stack. */
    List<String> outputs(OnnxNode node, OnnxGraphBuilder b) {
        List<String> outputs = tensors(node.outputs());
        while (stacked.size() < sequences.size()) {
            stacked.add(b.fresh(node, "stacked"));
        }
        outputs.addAll(stacked);
        return outputs;
    }

    /** After the rewritten Loop: defines each carried sequence's output as the sequence of its stack's rows. */
    void define(OnnxNode node, OnnxGraphBuilder b) {
        for (int i = 0; i < sequences.size(); i++) {
            if (node.output(sequences.get(i)).isEmpty()) {
                continue;
            }
            b.defineSequence(node.output(sequences.get(i)), SequenceValue.stacking(b.type(stacked.get(i)), stacked.get(i)));
        }
    }
}
