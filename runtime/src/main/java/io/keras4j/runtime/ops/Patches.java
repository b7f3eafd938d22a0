package io.keras4j.runtime.ops;

import java.util.Arrays;

/**
 * The windows a convolution reads, gathered as the rows of a matrix ("im2col"), so that one matrix product with the
 * kernel {@code [taps·channels][filters]} computes many output positions at once. 1-D and 2-D convolutions are the 3-D
 * case with a depth (and rows) of one.
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
     * Writes the windows of output positions {@code q0 .. q0+m-1} (row-major over output planes, rows and columns) of an
     * input {@code [depth][rows][cols][channels]} from {@code xOff} as the rows of {@code patches} from {@code patchOff}:
     * {@code patches[p][((a·kernel[1] + b)·kernel[2] + c)·channels + ch] = x[i0][i1][i2][ch]} for position {@code q = q0 + p}
     * at output plane {@code q / (outRows·outCols)}, row {@code q / outCols % outRows} and column {@code q % outCols}, with
     * {@code i0 = plane·strides[0] - front + a·dilations[0]} (rows from {@code top}, columns from {@code left} likewise),
     * zero where that falls outside the input. Fewer axes run as a depth (and rows) of one.
     */
    static void gather(float[] x, int xOff, int depth, int rows, int cols, int channels, int[] kernel, int[] strides,
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
                        } else if (channels < 8) { // a call costs more than a few moves
                            int from = xOff + ((i0 * rows + i1) * cols + i2) * channels;
                            for (int ch = 0; ch < channels; ch++) {
                                patches[to + ch] = x[from + ch];
                            }
                        } else {
                            System.arraycopy(x, xOff + ((i0 * rows + i1) * cols + i2) * channels, patches, to, channels);
                        }
                    }
                }
            }
        }
    }
}
