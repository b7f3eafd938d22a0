package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;

/**
 * ONNX AffineGrid of images: theta {@code [N, 2, 3]} and size {@code (N, C, H, W)} give the grid {@code [N, H, W, 2]} of
 * {@code theta · (x, y, 1)} over the normalized pixel centres: x from -1 to 1 over W columns (times {@code (W - 1) / W}
 * unless corners align), y likewise over H rows, as ONNX Runtime computes them. The size's values decide the shape.
 */
public final class AffineGrid implements Op {
    private final boolean alignCorners;

    public AffineGrid(boolean alignCorners) {
        this.alignCorners = alignCorners;
    }

    @Override
    public String type() {
        return "AffineGrid";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("align_corners", alignCorners).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static AffineGrid fromSpec(OpSpec s) {
        return new AffineGrid(s.boolAttr("align_corners"));
    }

    /** The size. */
    @Override
    public boolean shapeReadsValue(int input) {
        return input == 1;
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        return outputShapes(in, null);
    }

    @Override
    public int[][] outputShapes(int[][] in, float[][] values) {
        Dims.inputs(in, 2, type());
        int[] theta = in[0];
        if (theta.length != 3 || theta[1] >= 0 && theta[1] != 2 || theta[2] >= 0 && theta[2] != 3
                || Dims.length(in[1], "size") != 4) {
            throw new IllegalArgumentException("AffineGrid takes theta [N, 2, 3] and a size (N, C, H, W), got "
                    + Shapes.toString(theta) + " and a size of shape " + Shapes.toString(in[1]));
        }
        if (values == null || values[1] == null) {
            return new int[][] {{theta[0], -1, -1, 2}};
        }
        int n = Dims.integer(values[1][0], "size N");
        int h = Dims.integer(values[1][2], "size H");
        int w = Dims.integer(values[1][3], "size W");
        if (n < 0 || h < 0 || w < 0 || theta[0] >= 0 && theta[0] != n) {
            throw new IllegalArgumentException("AffineGrid: size (" + n + ", " + values[1][1] + ", " + h + ", " + w
                    + ") for theta of shape " + Shapes.toString(theta));
        }
        return new int[][] {{n, h, w, 2}};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        float[] theta = inputs[0];
        float[] size = inputs[1];
        int h = (int) size[2];
        int w = (int) size[3];
        float[] grid = outputs[0];
        for (int n = 0; n < (int) size[0]; n++) {
            int t = 6 * n;
            for (int row = 0; row < h; row++) {
                float y = centre(row, h);
                for (int col = 0; col < w; col++) {
                    float x = centre(col, w);
                    int at = 2 * ((n * h + row) * w + col);
                    grid[at] = theta[t] * x + theta[t + 1] * y + theta[t + 2];
                    grid[at + 1] = theta[t + 3] * x + theta[t + 4] * y + theta[t + 5];
                }
            }
        }
    }

    /**
     * The normalized centre of pixel {@code i} of {@code size}: evenly from -1 to 1, the last exactly 1 (so 1 for a size
     * of 1, as Eigen's LinSpaced gives ONNX Runtime), scaled.
     */
    private float centre(int i, int size) {
        float v = i == size - 1 ? 1f : -1f + i * (2f / (size - 1));
        return alignCorners ? v : v * (size - 1) / size;
    }
}
