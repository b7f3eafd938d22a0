package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;
import java.util.Arrays;

/** ONNX Shape: the input's dimensions {@code [start, end)} (negative bounds count from the end, clamped) as a 1-D tensor. */
public final class ShapeOf implements Op {
    private final long start;
    private final long end;

    /** @param end exclusive; {@code Long.MAX_VALUE} for the last axis */
    public ShapeOf(long start, long end) {
        this.start = start;
        this.end = end;
    }

    @Override
    public String type() {
        return "Shape";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("start", start).attr("end", end).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static ShapeOf fromSpec(OpSpec s) {
        return new ShapeOf(s.longAttr("start"), s.longAttr("end"));
    }

    private int from(int rank) {
        return clamp(start, rank);
    }

    private int to(int rank) {
        return Math.max(from(rank), clamp(end, rank));
    }

    private static int clamp(long v, int rank) {
        long r = v < 0 ? v + rank : v;
        return (int) Math.max(0, Math.min(rank, r));
    }

    /** Whether the op gives every dimension of an input of this rank. */
    public boolean wholeShape(int rank) {
        return from(rank) == 0 && to(rank) == rank;
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        Dims.inputs(in, 1, type());
        int rank = in[0].length;
        return new int[][] {{to(rank) - from(rank)}};
    }

    /** The dimensions the op gives of an input of {@code shape}. */
    public int[] dims(int[] shape) {
        return Arrays.copyOfRange(shape, from(shape.length), to(shape.length));
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] shape = inputShapes[0];
        int from = from(shape.length);
        for (int d = from; d < to(shape.length); d++) {
            outputs[0][d - from] = shape[d];
        }
    }
}
