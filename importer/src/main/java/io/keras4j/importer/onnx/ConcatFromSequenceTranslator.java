package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.Transpose;
import io.keras4j.runtime.ops.primitive.Concat;
import io.keras4j.runtime.ops.primitive.Reshape;
import io.keras4j.runtime.ops.primitive.Unsqueeze;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ONNX ConcatFromSequence: the elements joined along {@code axis}, or stacked along a new one with {@code new_axis=1}
 * (negative axes from the end). A sequence known at import becomes a Concat of its elements (each Unsqueezed first for a
 * new axis); one whose length is known only at run time is its stacked tensor with axis 0 moved to {@code axis} (a
 * Transpose), then, to join rather than stack, that axis merged with the next (a Reshape, which needs the elements'
 * dimensions after {@code axis} known at import).
 */
final class ConcatFromSequenceTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        if (!node.has("axis")) {
            node.problem("attribute axis is required");
            return;
        }
        long axis = node.intAttr("axis", 0);
        boolean newAxis = Args.flag(node, "new_axis", 0);
        SequenceValue s = Sequences.input(node, b, 0);
        if (s == null || !node.problems().isEmpty()) {
            return;
        }
        List<String> values = s.isStatic() ? s.elements() : List.of(s.stacked());
        if (values.isEmpty()) {
            node.problem("the sequence is empty (ONNX Runtime refuses it too)");
            return;
        }
        int rank = b.shape(values.get(0)).length - (s.isStatic() ? 0 : 1);
        int top = newAxis ? rank : rank - 1;
        if (axis < -top - 1 || axis > top) {
            node.problem("axis " + axis + " is outside [" + (-top - 1) + ", " + top + "] for elements of rank " + rank
                    + (newAxis ? " with new_axis=1" : ""));
            return;
        }
        int a = (int) (axis < 0 ? axis + top + 1 : axis);
        if (s.isStatic()) {
            concat(node, b, s, a, newAxis);
        } else {
            stacked(node, b, s, a, newAxis);
        }
    }

    private static void concat(OnnxNode node, OnnxGraphBuilder b, SequenceValue s, int axis, boolean newAxis) {
        List<String> parts = new ArrayList<>();
        for (String e : s.elements()) {
            String part = e;
            if (newAxis) {
                part = b.fresh(node, "unsqueezed");
                if (!b.emit(node, new Unsqueeze(new long[] {axis}), List.of(e), List.of(part), s.elementType())) {
                    return;
                }
            }
            parts.add(part);
        }
        b.emit(node, new Concat(axis), parts, List.of(node.output(0)), s.elementType());
    }

    private static void stacked(OnnxNode node, OnnxGraphBuilder b, SequenceValue s, int axis, boolean newAxis) {
        int[] shape = b.shape(s.stacked());
        String moved = s.stacked();
        if (axis > 0) {
            int[] perm = Sequences.moveAxis(shape.length, 0, axis);
            moved = newAxis ? node.output(0) : b.fresh(node, "moved");
            if (!b.emit(node, new Transpose("Transpose", perm), List.of(s.stacked()), List.of(moved), s.elementType())) {
                return;
            }
        }
        if (newAxis) {
            if (axis == 0) {
                b.alias(node, moved, node.output(0));
            }
            return;
        }
        long[] target = new long[shape.length - 1];
        target[axis] = -1;
        for (int d = axis + 1; d < target.length; d++) {
            target[d] = shape[d + 1];
            if (target[d] < 0) {
                node.problem("joining the elements of a sequence of run-time length along axis " + axis + " needs their"
                        + " dimensions after it known at import, got " + io.keras4j.runtime.Shapes.toString(
                        Arrays.copyOfRange(shape, 1, shape.length)));
                return;
            }
        }
        String targetShape = SliceTranslator.define(node, b, "shape", target);
        b.emit(node, new Reshape(false), List.of(moved, targetShape), List.of(node.output(0)), s.elementType());
    }
}
