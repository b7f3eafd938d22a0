package io.keras4j.runtime.ops;

import io.keras4j.runtime.Shapes;
import java.util.Arrays;

/**
 * Keras Reshape and Flatten: keeps the batch axis and gives the rest of the values, in row-major order,
 * the target shape; at most one target dimension is -1 and takes what is left.
 */
public final class Reshape implements Op {
    private final String type;
    private final int[] target;
    private final int free;

    /**
     * @param type   the layer shown in summaries ("Reshape" or "Flatten")
     * @param target the shape after the batch axis; one entry may be -1
     */
    public Reshape(String type, int[] target) {
        this.type = type;
        this.target = target.clone();
        int f = -1;
        for (int i = 0; i < target.length; i++) {
            if (target[i] == -1 && f < 0) {
                f = i;
            } else if (target[i] <= 0) {
                throw new IllegalArgumentException("invalid target shape " + Arrays.toString(target)
                        + ": dimensions must be positive, with at most one -1");
            }
        }
        this.free = f;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder("Reshape").attr("stands_for", type).attr("target", target).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Reshape fromSpec(OpSpec s) {
        return new Reshape(s.stringAttr("stands_for"), s.intsAttr("target"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        int[] x = Inputs.single(in, type);
        if (x.length == 0) {
            throw new IllegalArgumentException("input must have a batch axis but is a scalar");
        }
        long known = 1;
        for (int d = 1; d < x.length; d++) {
            known = x[d] < 0 || known < 0 ? -1 : known * x[d];
        }
        long fixed = 1;
        for (int d : target) {
            fixed *= d == -1 ? 1 : d;
        }
        int[] y = new int[target.length + 1];
        y[0] = x[0];
        System.arraycopy(target, 0, y, 1, target.length);
        if (known >= 0) {
            boolean fits = free < 0 ? known == fixed : known % fixed == 0;
            if (!fits) {
                throw new IllegalArgumentException("cannot reshape " + Shapes.toString(x) + " (" + known
                        + " values per sample) to target shape " + Shapes.toString(target).replace("None", "-1"));
            }
            if (free >= 0) {
                y[free + 1] = (int) (known / fixed);
            }
        }
        return new int[][] {y};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        System.arraycopy(inputs[0], 0, outputs[0], 0, inputs[0].length);
    }
}
