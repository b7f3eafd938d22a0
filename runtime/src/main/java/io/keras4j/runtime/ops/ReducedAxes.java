package io.keras4j.runtime.ops;

/** Index arithmetic for ops that work over a set of axes (softmax, layer normalization) group by group. */
final class ReducedAxes {
    private ReducedAxes() {
    }

    /**
     * The flat row-major index in a tensor of shape {@code x} of element {@code p} of group {@code g}, where
     * {@code p} counts row-major over the sorted {@code axes} and {@code g} over the other axes.
     */
    static int flatIndex(int g, int p, int[] x, int[] axes) {
        int off = 0;
        int stride = 1;
        int a = axes.length - 1;
        for (int d = x.length - 1; d >= 0; d--) {
            int c;
            if (a >= 0 && axes[a] == d) {
                c = p % x[d];
                p /= x[d];
                a--;
            } else {
                c = g % x[d];
                g /= x[d];
            }
            off += c * stride;
            stride *= x[d];
        }
        return off;
    }
}
