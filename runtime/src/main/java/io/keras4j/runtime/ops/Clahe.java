package io.keras4j.runtime.ops;

/**
 * Keras 3's ContrastLimitedAdaptiveHistogramEqualization on {@code [batch, height, width, channels]} values in the
 * [0, 255] scale, as Keras 3.15.1's TensorFlow backend computes it in float32. Each image is padded at its end to
 * {@code gridH × gridW} tiles of {@code ceil(height / gridH) × ceil(width / gridW)} (symmetrically: the edge repeated,
 * then the values before it), and each tile's channel gets a histogram of 256 bins (a value cast toward zero to an
 * integer, clipped to [0, 255]; one too large for an int32 counts in bin 0, as TensorFlow's cast gives the lowest int32).
 * With {@code clipLimit > 0} the counts are clipped to {@code clipLimit · tile size / 256} and what was cut is spread
 * evenly over the 256 bins. The cumulative histogram then maps bin k to
 * {@code clip((cdf[k] − min cdf) · 255 / (tile size − min cdf), 0, 255)} (a zero denominator taken as 1). A pixel's
 * output interpolates bilinearly between the maps of the four tiles around it (tiles beyond the edge repeat the edge's),
 * read at its value clipped to [0, 255] and cast to an integer.
 */
public final class Clahe implements Op {
    private static final int BINS = 256;
    private final int gridH;
    private final int gridW;
    private final double clipLimit;

    public Clahe(int gridH, int gridW, double clipLimit) {
        if (gridH <= 0 || gridW <= 0) {
            throw new IllegalArgumentException("Clahe tile grid must be positive, got " + gridH + " x " + gridW);
        }
        this.gridH = gridH;
        this.gridW = gridW;
        this.clipLimit = clipLimit;
    }

    @Override
    public String type() {
        return "Clahe";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("gridH", gridH).attr("gridW", gridW).attr("clipLimit", clipLimit).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Clahe fromSpec(OpSpec s) {
        return new Clahe(s.intAttr("gridH"), s.intAttr("gridW"), s.doubleAttr("clipLimit"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        int[] x = Inputs.single(in, type());
        if (x.length != 4) {
            throw new IllegalArgumentException("Clahe expects [batch, height, width, channels], got rank " + x.length);
        }
        checkPadding(x[1], gridH, "height");
        checkPadding(x[2], gridW, "width");
        return new int[][] {x.clone()};
    }

    /** TensorFlow pads symmetrically by at most the axis' own length. */
    private static void checkPadding(int size, int grid, String axis) {
        if (size > 0 && tile(size, grid) * grid - size > size) {
            throw new IllegalArgumentException("Clahe: a " + axis + " of " + size + " padded to " + grid + " tiles of "
                    + tile(size, grid) + " needs more padding than the " + axis + " itself, which TensorFlow refuses");
        }
    }

    private static int tile(int size, int grid) {
        return (size + grid - 1) / grid;
    }

    @Override
    public int scratchSize(int[][] inputShapes) {
        return gridH * gridW * inputShapes[0][3] * BINS;
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] maps) {
        int[] s = inputShapes[0];
        int batch = s[0], height = s[1], width = s[2], channels = s[3];
        int tileH = tile(height, gridH), tileW = tile(width, gridW);
        float[] x = inputs[0];
        float[] y = outputs[0];
        for (int b = 0; b < batch; b++) {
            int image = b * height * width * channels;
            for (int ty = 0; ty < gridH; ty++) {
                for (int tx = 0; tx < gridW; tx++) {
                    for (int c = 0; c < channels; c++) {
                        int map = ((ty * gridW + tx) * channels + c) * BINS;
                        java.util.Arrays.fill(maps, map, map + BINS, 0f);
                        for (int i = 0; i < tileH; i++) {
                            int row = symmetric(ty * tileH + i, height);
                            for (int j = 0; j < tileW; j++) {
                                int col = symmetric(tx * tileW + j, width);
                                maps[map + histogramBin(x[image + (row * width + col) * channels + c])]++;
                            }
                        }
                        equalize(maps, map, tileH * tileW);
                    }
                }
            }
            for (int h = 0; h < height; h++) {
                float gy = gridPosition(h, tileH);
                float y0 = (float) Math.floor(gy);
                float wy = gy - y0;
                int top = tileIndex(y0, gridH), bottom = tileIndex(y0 + 1f, gridH);
                for (int w = 0; w < width; w++) {
                    float gx = gridPosition(w, tileW);
                    float x0 = (float) Math.floor(gx);
                    float wx = gx - x0;
                    int left = tileIndex(x0, gridW), right = tileIndex(x0 + 1f, gridW);
                    for (int c = 0; c < channels; c++) {
                        int at = image + (h * width + w) * channels + c;
                        int p = pixel(x[at]);
                        float nw = maps[((top * gridW + left) * channels + c) * BINS + p];
                        float ne = maps[((top * gridW + right) * channels + c) * BINS + p];
                        float sw = maps[((bottom * gridW + left) * channels + c) * BINS + p];
                        float se = maps[((bottom * gridW + right) * channels + c) * BINS + p];
                        float upper = nw * (1f - wx) + ne * wx;
                        float lower = sw * (1f - wx) + se * wx;
                        y[at] = upper * (1f - wy) + lower * wy;
                    }
                }
            }
        }
    }

    /** Turns the histogram at {@code map} into the tile's mapping of each bin to its equalized value, in place. */
    private void equalize(float[] maps, int map, int tileSize) {
        if (clipLimit > 0) {
            float limit = (float) (clipLimit * tileSize / 256.0);
            float excess = 0f;
            for (int k = 0; k < BINS; k++) {
                float clipped = Math.min(maps[map + k], limit);
                excess += maps[map + k] - clipped;
                maps[map + k] = clipped;
            }
            float spread = excess / 256f;
            for (int k = 0; k < BINS; k++) {
                maps[map + k] += spread;
            }
        }
        float cdf = 0f;
        float min = Float.POSITIVE_INFINITY;
        for (int k = 0; k < BINS; k++) {
            cdf += maps[map + k];
            maps[map + k] = cdf;
            min = Math.min(min, cdf);
        }
        float denominator = tileSize - min;
        if (denominator == 0f) {
            denominator = 1f;
        }
        for (int k = 0; k < BINS; k++) {
            maps[map + k] = Math.min(Math.max((maps[map + k] - min) * 255f / denominator, 0f), 255f);
        }
    }

    /** Position {@code i} of an axis padded symmetrically at its end (the edge value repeated, then those before it). */
    private static int symmetric(int i, int size) {
        return i < size ? i : 2 * size - 1 - i;
    }

    /** A value's histogram bin: cast toward zero to an int32 (NaN and values beyond its range give its lowest), clipped. */
    private static int histogramBin(float v) {
        if (!(v > -2147483648f && v < 2147483648f)) {
            return 0;
        }
        return Math.min(Math.max((int) v, 0), BINS - 1);
    }

    /** A value's entry in the maps: clipped to [0, 255], then cast toward zero. */
    private static int pixel(float v) {
        return v > 0f ? (int) Math.min(v, 255f) : 0;
    }

    /** Keras' {@code (i − tile/2) / tile + 1} in float32: the position among the tile centres, the edge tiles repeated. */
    private static float gridPosition(int i, int tile) {
        return ((float) i - (float) (tile / 2.0)) / (float) tile + 1f;
    }

    /** The tile of a position in the grid padded by one repeated tile at each end, clipped as Keras clips it. */
    private static int tileIndex(float position, int grid) {
        int padded = (int) Math.min(Math.max(position, 0f), grid + 1f);
        return Math.min(Math.max(padded - 1, 0), grid - 1);
    }
}
