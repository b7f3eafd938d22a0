package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.Softmax;
import java.util.List;

/**
 * ONNX Softmax, LogSoftmax and Hardmax. Before opset 13 the input is seen as 2-D at {@code axis} (default 1), so the
 * function normalizes over every axis from {@code axis} on; from opset 13 over {@code axis} alone (default -1).
 */
final class SoftmaxTranslator implements OpTranslator {
    /** The three operators. */
    enum Kind { SOFTMAX, LOG_SOFTMAX, HARDMAX }

    private final Kind kind;

    SoftmaxTranslator(Kind kind) {
        this.kind = kind;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String x = node.input(0);
        int rank = b.shape(x).length;
        boolean coerced = b.opset() < 13;
        long axis = node.intAttr("axis", coerced ? 1 : -1);
        if (axis < -rank || axis >= rank) {
            node.problem("axis " + axis + " is out of range for rank " + rank);
            return;
        }
        int a = (int) (axis < 0 ? axis + rank : axis);
        int[] axes = new int[coerced ? rank - a : 1];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = a + i;
        }
        Softmax op = kind == Kind.LOG_SOFTMAX ? Softmax.log(rank, axes) : kind == Kind.HARDMAX ? Softmax.hard(rank, axes)
                : new Softmax(rank, axes, false);
        b.emit(node, op, List.of(x), List.of(node.output(0)), DataTypes.FLOAT);
    }
}
