package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;

/**
 * ONNX GridSample of images: X {@code [N, C, H, W]} sampled at the points of grid {@code [N, Ho, Wo, 2]} (x, y
 * normalized to [-1, 1]: -1 the centre of the first pixel with aligned corners, else its outer edge), giving
 * {@code [N, C, Ho, Wo]}, as ONNX Runtime computes it: NEAREST rounds the point (ties to even), LINEAR weighs the 2x2
 * pixels around it and CUBIC the 4x4 (Keys, a = -0.75), rows first; pixels outside the image read 0 (ZEROS), the nearest
 * edge pixel (BORDER) or their reflection about the image's edges (REFLECTION). (The ONNX reference also moves a point
 * outside the image inside before CUBIC weighs the pixels around it, which changes BORDER and REFLECTION there; ONNX
 * Runtime does not.)
 */
public final class GridSample implements Op {
    /** How a point's value comes from the pixels around it. */
    public enum Mode { NEAREST, LINEAR, CUBIC }

    /** What pixels outside the image hold. */
    public enum Padding { ZEROS, BORDER, REFLECTION }

    private static final float CUBIC_A = -0.75f;
    /** Beyond any image: positions are clamped here. */
    private static final float FAR = 0x1p30f;

    private final Mode mode;
    private final Padding padding;
    private final boolean alignCorners;

    public GridSample(Mode mode, Padding padding, boolean alignCorners) {
        this.mode = mode;
        this.padding = padding;
        this.alignCorners = alignCorners;
    }

    @Override
    public String type() {
        return "GridSample";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("mode", mode.name()).attr("padding", padding.name())
                .attr("align_corners", alignCorners).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static GridSample fromSpec(OpSpec s) {
        return new GridSample(s.enumAttr("mode", Mode.class), s.enumAttr("padding", Padding.class),
                s.boolAttr("align_corners"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        Dims.inputs(in, 2, type());
        int[] x = in[0];
        int[] grid = in[1];
        if (x.length != 4 || grid.length != 4 || grid[3] >= 0 && grid[3] != 2
                || x[0] >= 0 && grid[0] >= 0 && x[0] != grid[0]) {
            throw new IllegalArgumentException("GridSample takes images [N, C, H, W] and a grid [N, Ho, Wo, 2], got "
                    + Shapes.toString(x) + " and " + Shapes.toString(grid));
        }
        return new int[][] {{x[0] >= 0 ? x[0] : grid[0], x[1], grid[1], grid[2]}};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] shape = inputShapes[0];
        int[] g = inputShapes[1];
        int channels = shape[1];
        int h = shape[2];
        int w = shape[3];
        int points = g[1] * g[2];
        float[] x = inputs[0];
        float[] grid = inputs[1];
        float[] y = outputs[0];
        for (int n = 0; n < shape[0]; n++) {
            for (int p = 0; p < points; p++) {
                int at = 2 * (n * points + p);
                float px = coordinate(grid[at], w);
                float py = coordinate(grid[at + 1], h);
                for (int c = 0; c < channels; c++) {
                    int image = (n * channels + c) * h * w;
                    y[(n * channels + c) * points + p] = sample(x, image, h, w, px, py);
                }
            }
        }
    }

    /**
     * A normalized coordinate as a position along an axis of {@code size} pixels (rounded for NEAREST), kept within
     * ±2^30 so that the pixel indices around it stay ints (any position that far out reads the padding alone).
     */
    private float coordinate(float normalized, int size) {
        float v = alignCorners ? (normalized + 1) / 2f * (size - 1) : ((normalized + 1) * size - 1) / 2f;
        return Math.max(-FAR, Math.min(FAR, mode == Mode.NEAREST ? (float) Math.rint(v) : v));
    }

    private float sample(float[] x, int image, int h, int w, float px, float py) {
        if (mode == Mode.NEAREST) {
            return pixel(x, image, h, w, (int) py, (int) px);
        }
        int x0 = (int) Math.floor(px);
        int y0 = (int) Math.floor(py);
        float dx = px - x0;
        float dy = py - y0;
        if (mode == Mode.LINEAR) {
            float left = x0 + 1 - px;
            float top = left * pixel(x, image, h, w, y0, x0) + dx * pixel(x, image, h, w, y0, x0 + 1);
            float bottom = left * pixel(x, image, h, w, y0 + 1, x0) + dx * pixel(x, image, h, w, y0 + 1, x0 + 1);
            return (y0 + 1 - py) * top + dy * bottom;
        }
        float sum = 0f;
        for (int j = 0; j < 4; j++) {
            float row = 0f;
            for (int i = 0; i < 4; i++) {
                row += cubic(dx, i) * pixel(x, image, h, w, y0 - 1 + j, x0 - 1 + i);
            }
            sum += cubic(dy, j) * row;
        }
        return sum;
    }

    /** Keys' cubic weight of tap {@code i} (of 4, the first one pixel before) for a point {@code d} past its pixel. */
    private static float cubic(float d, int i) {
        float t = Math.abs(i == 0 ? d + 1 : i == 1 ? d : i == 2 ? 1 - d : 2 - d);
        return t <= 1 ? ((CUBIC_A + 2) * t - (CUBIC_A + 3)) * t * t + 1
                : ((CUBIC_A * t - 5 * CUBIC_A) * t + 8 * CUBIC_A) * t - 4 * CUBIC_A;
    }

    /** Pixel (row, col) of the image at {@code image}, or what the padding gives outside it. */
    private float pixel(float[] x, int image, int h, int w, int row, int col) {
        if (row < 0 || row >= h || col < 0 || col >= w) {
            switch (padding) {
                case ZEROS:
                    return 0f;
                case BORDER:
                    row = Math.max(0, Math.min(h - 1, row));
                    col = Math.max(0, Math.min(w - 1, col));
                    break;
                default:
                    row = (int) reflect(row, alignCorners ? 0f : -0.5f, alignCorners ? h - 1 : h - 0.5f);
                    col = (int) reflect(col, alignCorners ? 0f : -0.5f, alignCorners ? w - 1 : w - 0.5f);
            }
        }
        return x[image + row * w + col];
    }

    /** {@code v} reflected about the nearer of {@code low} and {@code high} until it lies between them. */
    private static float reflect(float v, float low, float high) {
        float range = high - low;
        if (range == 0) {
            return low;
        }
        if (v < low) {
            float d = low - v;
            int turns = (int) (d / range);
            float r = d - turns * range;
            return turns % 2 == 0 ? low + r : high - r;
        }
        if (v > high) {
            float d = v - high;
            int turns = (int) (d / range);
            float r = d - turns * range;
            return turns % 2 == 0 ? high - r : low + r;
        }
        return v;
    }
}
