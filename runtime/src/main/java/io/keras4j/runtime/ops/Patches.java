package io.keras4j.runtime.ops;

import java.util.Arrays;

/**
 * The windows a convolution reads, gathered as the rows of a matrix ("im2col"), so that one matrix product with the
 * kernel {@code [taps·channels][filters]} computes many output positions at once. A 1-D convolution is the 2-D case
 * with one row.
 */
final class Patches {
    /** The most output positions gathered at once. */
    static final int CHUNK = 256;
    /** The most floats of gathered windows at once (64 MiB), which bounds the scratch memory of a wide kernel. */
    private static final int MAX_FLOATS = 1 << 24;

    /** Output positions gathered at once for windows of {@code k} floats: up to {@link #CHUNK}, fewer for wide kernels. */
    static int chunk(long k) {
        return (int) Math.max(1, Math.min(CHUNK, MAX_FLOATS / k));
    }

    private Patches() {
    }

    /**
     * Writes the windows of output positions {@code q0 .. q0+m-1} (row-major over {@code outCols} columns):
     * {@code patches[p][(i·kernel[1] + j)·channels + ch] = x[r][c][ch]} for position {@code q = q0 + p} at output row
     * {@code q / outCols} and column {@code q % outCols}, with {@code r = row·strides[0] - top + i·dilations[0]} and
     * {@code c = column·strides[1] - left + j·dilations[1]}, zero where that falls outside the input; {@code patches} from
 * {@code patchOff}.
     *
     * @param x the input, {@code [rows][cols][channels]} of one sample starting at {@code xOff}
     */
    static void gather(float[] x, int xOff, int rows, int cols, int channels, int[] kernel, int[] strides, int[] dilations,
                       int top, int left, int outCols, int q0, int m, float[] patches, int patchOff) {
        int k = kernel[0] * kernel[1] * channels;
        for (int p = 0; p < m; p++) {
            int rowStart = (q0 + p) / outCols * strides[0] - top;
            int colStart = (q0 + p) % outCols * strides[1] - left;
            for (int i = 0; i < kernel[0]; i++) {
                int r = rowStart + i * dilations[0];
                for (int j = 0; j < kernel[1]; j++) {
                    int c = colStart + j * dilations[1];
                    int to = patchOff + p * k + (i * kernel[1] + j) * channels;
                    if (r < 0 || r >= rows || c < 0 || c >= cols) {
                        Arrays.fill(patches, to, to + channels, 0f);
                    } else if (channels < 8) { // a call costs more than a few moves
                        int from = xOff + (r * cols + c) * channels;
                        for (int ch = 0; ch < channels; ch++) {
                            patches[to + ch] = x[from + ch];
                        }
                    } else {
                        System.arraycopy(x, xOff + (r * cols + c) * channels, patches, to, channels);
                    }
                }
            }
        }
    }

    /**
     * As {@link #gather} over three spatial axes ({@code [depth][rows][cols][channels]} from {@code xOff}): position
     * {@code q} is output plane {@code q / (outRows·outCols)}, row and column as in {@link #gather}; the windows start
     * {@code front}, {@code top} and {@code left} positions early.
     */
    static void gather3d(float[] x, int xOff, int depth, int rows, int cols, int channels, int[] kernel, int[] strides,
                         int[] dilations, int front, int top, int left, int outRows, int outCols, int q0, int m,
                         float[] patches, int patchOff) {
        int k = kernel[0] * kernel[1] * kernel[2] * channels;
        for (int p = 0; p < m; p++) {
            int q = q0 + p;
            int start0 = q / (outRows * outCols) * strides[0] - front;
            int start1 = q / outCols % outRows * strides[1] - top;
            int start2 = q % outCols * strides[2] - left;
            int to = patchOff + p * k;
            for (int a = 0; a < kernel[0]; a++) {
                int i0 = start0 + a * dilations[0];
                for (int b = 0; b < kernel[1]; b++) {
                    int i1 = start1 + b * dilations[1];
                    for (int c = 0; c < kernel[2]; c++, to += channels) {
                        int i2 = start2 + c * dilations[2];
                        if (i0 < 0 || i0 >= depth || i1 < 0 || i1 >= rows || i2 < 0 || i2 >= cols) {
                            Arrays.fill(patches, to, to + channels, 0f);
                        } else {
                            System.arraycopy(x, xOff + ((i0 * rows + i1) * cols + i2) * channels, patches, to, channels);
                        }
                    }
                }
            }
        }
    }
}
