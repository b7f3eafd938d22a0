package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;
import java.util.Arrays;

/**
 * ONNX Reshape: gives the data the shape held in the second input's values, where 0 copies the input's
 * dimension (unless {@code allowZero}) and one -1 takes what is left.
 */
public final class Reshape implements Op {
    private final boolean allowZero;

    public Reshape(boolean allowZero) {
        this.allowZero = allowZero;
    }

    @Override
    public String type() {
        return "Reshape";
    }

    /** Written as "DynamicReshape": the Keras Reshape, whose target is fixed, is "Reshape". */
    @Override
    public OpSpec spec() {
        return OpSpec.builder("DynamicReshape").attr("allow_zero", allowZero).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Reshape fromSpec(OpSpec s) {
        return new Reshape(s.boolAttr("allow_zero"));
    }

    /** The target shape. */
    @Override
    public boolean shapeReadsValue(int input) {
        return input == 1;
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        return outputShapes(in, null);
    }

    /**
     * With the target's values known, the shape it gives; an unknown input dimension (-1, while a graph is built) is
     * copied as unknown, and the -1 of the target is resolved when every unknown input dimension is copied by a 0.
     */
    @Override
    public int[][] outputShapes(int[][] in, float[][] values) {
        Dims.inputs(in, 2, type());
        int rank = Dims.length(in[1], "shape");
        int[] out = new int[rank];
        if (values == null || values[1] == null) {
            Arrays.fill(out, -1);
            return new int[][] {out};
        }
        int[] x = in[0];
        float[] target = values[1];
        boolean[] copied = new boolean[x.length];
        int free = -1;
        long known = 1;
        for (int d = 0; d < rank; d++) {
            int v = Dims.integer(target[d], "shape value");
            if (v == 0 && !allowZero) {
                if (d >= x.length) {
                    throw new IllegalArgumentException("shape value 0 at axis " + d + " copies a dimension the input "
                            + Shapes.toString(x) + " does not have");
                }
                copied[d] = true;
                out[d] = x[d];
                known *= x[d] >= 0 ? x[d] : 1;
                continue;
            }
            if (v == -1) {
                if (free >= 0) {
                    throw new IllegalArgumentException("shape " + Arrays.toString(target) + " has more than one -1");
                }
                free = d;
            } else if (v < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(target) + " has a negative dimension");
            } else {
                known *= v;
            }
            out[d] = v;
        }
        long size = 1;
        for (int d = 0; d < x.length; d++) {
            if (x[d] >= 0) {
                size *= x[d];
            } else if (!copied[d]) {
                return new int[][] {out}; // an unknown dimension that is not copied: the -1 stays unknown
            }
        }
        if (free >= 0) {
            if (known == 0 || size % known != 0) {
                throw new IllegalArgumentException("cannot reshape " + Shapes.toString(x) + " to " + Arrays.toString(target));
            }
            out[free] = (int) (size / known);
        } else if (known != size) {
            throw new IllegalArgumentException("cannot reshape " + Shapes.toString(x) + " (" + size + " values) to "
                    + Shapes.toString(out));
        }
        return new int[][] {out};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        System.arraycopy(inputs[0], 0, outputs[0], 0, inputs[0].length);
    }
}
