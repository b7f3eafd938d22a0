package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;

/**
 * ONNX GatherElements and numpy's take_along_axis: {@code out[..., j, ...] = data[..., indices[..., j, ...], ...]} along
 * {@code axis}, negative indices counting from the end. Data and indices have one rank. Without broadcasting (ONNX,
 * torch.gather) the output has the indices' shape, whose other axes are at most the data's; with broadcasting (numpy,
 * Keras) the other axes broadcast, a length of 1 against any other.
 */
public final class GatherElements implements Op {
    private final int axis;
    private final boolean broadcast;

    /** @param axis the axis, negative counting from the end; @param broadcast whether the other axes broadcast */
    public GatherElements(int axis, boolean broadcast) {
        this.axis = axis;
        this.broadcast = broadcast;
    }

    @Override
    public String type() {
        return "GatherElements";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("axis", axis).attr("broadcast", broadcast).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static GatherElements fromSpec(OpSpec s) {
        return new GatherElements(s.intAttr("axis"), s.boolAttr("broadcast"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        Dims.inputs(in, 2, type());
        int[] data = in[0];
        int[] idx = in[1];
        if (data.length != idx.length) {
            throw new IllegalArgumentException(type() + ": data " + Shapes.toString(data) + " and indices "
                    + Shapes.toString(idx) + " differ in rank");
        }
        int a = Dims.axis(axis, data.length, "axis");
        int[] out = idx.clone();
        for (int d = 0; d < data.length; d++) {
            if (d == a) {
                continue;
            }
            boolean known = data[d] >= 0 && idx[d] >= 0;
            if (!broadcast) {
                if (known && idx[d] > data[d]) {
                    throw misfit(data, idx, d);
                }
            } else if (known) {
                if (data[d] != idx[d] && data[d] != 1 && idx[d] != 1) {
                    throw misfit(data, idx, d);
                }
                out[d] = idx[d] == 1 ? data[d] : idx[d];
            } else {
                int other = data[d] >= 0 ? data[d] : idx[d];
                out[d] = other > 1 ? other : -1;
            }
        }
        return new int[][] {out};
    }

    private IllegalArgumentException misfit(int[] data, int[] idx, int d) {
        return new IllegalArgumentException(type() + ": indices " + Shapes.toString(idx) + " do not fit data "
                + Shapes.toString(data) + " on axis " + d);
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] data = inputShapes[0];
        int[] idx = inputShapes[1];
        int a = Dims.axis(axis, data.length, "axis");
        int n = data[a];
        int axisStride = 1;
        for (int d = data.length - 1; d > a; d--) {
            axisStride *= data[d];
        }
        float[] y = outputs[0];
        for (int i = 0; i < y.length; i++) {
            int rest = i;
            int dataOff = 0;
            int idxOff = 0;
            int dataStride = 1;
            int idxStride = 1;
            for (int d = data.length - 1; d >= 0; d--) {
                int size = d != a && broadcast && idx[d] == 1 ? data[d] : idx[d]; // the output's, as outputShapes gives it
                int c = rest % size;
                rest /= size;
                idxOff += (idx[d] == 1 ? 0 : c) * idxStride;
                if (d != a) {
                    dataOff += (data[d] == 1 ? 0 : c) * dataStride;
                }
                idxStride *= idx[d];
                dataStride *= data[d];
            }
            int k = Dims.integer(inputs[1][idxOff], "index");
            if (k < -n || k >= n) {
                throw new IllegalArgumentException("index " + k + " is out of range for axis " + a + " of size " + n);
            }
            y[i] = inputs[0][dataOff + (k < 0 ? k + n : k) * axisStride];
        }
    }
}
