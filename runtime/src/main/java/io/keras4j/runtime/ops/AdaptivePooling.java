package io.keras4j.runtime.ops;

import java.util.Arrays;

/**
 * Keras 3 AdaptiveMaxPooling2D/3D and AdaptiveAveragePooling2D/3D, channels last over {@code [batch, (depth,) rows, cols,
 * channels]}: {@code outputSize} windows along each spatial axis, placed on each axis as Keras' TensorFlow backend places
 * them ({@link #start}, {@link #size}), each giving the maximum or the mean of each channel. Keras pools one axis after
 * the other; a maximum is the same either way, and a mean differs only by float32 rounding. A maximum starts from
 * float32's lowest finite value and takes each value greater than it, as TensorFlow's pooling: NaN is passed over.
 */
public final class AdaptivePooling implements Op {
    private final boolean max;
    private final int[] outputSize;
    /** The windows along depth, rows and columns (two axes lead with one window of the whole depth of 1). */
    private final int[] out;

    /** @param outputSize the number of windows along each of two or three spatial axes */
    public AdaptivePooling(boolean max, int[] outputSize) {
        int axes = outputSize.length;
        if (axes < 2 || axes > 3 || Arrays.stream(outputSize).anyMatch(o -> o <= 0 || o > WindowAxis.MAX_PAD)) {
            throw new IllegalArgumentException("invalid adaptive pooling: output size " + Arrays.toString(outputSize));
        }
        this.max = max;
        this.outputSize = outputSize.clone();
        this.out = WindowAxis.asThree(outputSize, 0, axes, 1);
    }

    @Override
    public String type() {
        return "Adaptive" + (max ? "Max" : "Average") + "Pooling" + outputSize.length + "D";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("output_size", outputSize).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static AdaptivePooling fromSpec(OpSpec s) {
        return WindowAxis.ofSpecType(new AdaptivePooling(s.type().startsWith("AdaptiveMax"), s.intsAttr("output_size")), s);
    }

    /** The first position of window {@code o} of {@code out} over {@code size} positions, as Keras places it. */
    static int start(int o, int out, int size) {
        return Math.min((int) Math.floor((float) o * size / out), size - 1);
    }

    /**
     * The positions window {@code o} of {@code out}, which starts at {@code start}, takes over {@code size} positions:
     * {@code ceil(size/out)}, or one more where {@code ceil((o+1)·size/out)} is that far from its start (Keras pools windows
     * of both sizes and picks one for each output). -1 where the window would run past the input, which Keras cannot
     * compute either.
     */
    static int size(int o, int out, int size, int start) {
        int end = Math.min((int) Math.ceil((float) (o + 1) * size / out), size);
        int small = (int) Math.ceil((double) size / out);
        int taken = end - start == small + 1 ? small + 1 : small;
        return start < 0 || start + taken > size ? -1 : taken;
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        int axes = outputSize.length;
        int[] x = Inputs.single(in, type());
        Inputs.rank(x, axes + 2, "input");
        int[] y = x.clone();
        for (int a = 0; a < axes; a++) {
            int size = x[a + 1];
            if (size == 0) {
                throw new IllegalArgumentException("input of " + Arrays.toString(Arrays.copyOfRange(x, 1, axes + 1))
                        + " positions has none along axis " + (a + 1));
            }
            for (int o = 0; size > 0 && o < outputSize[a]; o++) {
                if (size(o, outputSize[a], size, start(o, outputSize[a], size)) < 0) {
                    throw new IllegalArgumentException(outputSize[a] + " windows over " + size + " positions along axis "
                            + (a + 1) + " run past the input (Keras cannot pool them either)");
                }
            }
            y[a + 1] = outputSize[a];
        }
        return new int[][] {y};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] s = inputShapes[0];
        int axes = outputSize.length;
        int depth = WindowAxis.sizeOfThree(s, axes, 0);
        int rows = WindowAxis.sizeOfThree(s, axes, 1);
        int cols = WindowAxis.sizeOfThree(s, axes, 2);
        int channels = s[axes + 1];
        float[] x = inputs[0];
        float[] y = outputs[0];
        int q = 0;
        for (int b = 0; b < s[0]; b++) {
            int xb = b * depth * rows * cols * channels;
            for (int od = 0; od < out[0]; od++) {
                int d0 = start(od, out[0], depth);
                int d1 = d0 + size(od, out[0], depth, d0);
                for (int or = 0; or < out[1]; or++) {
                    int r0 = start(or, out[1], rows);
                    int r1 = r0 + size(or, out[1], rows, r0);
                    for (int oc = 0; oc < out[2]; oc++, q += channels) {
                        int c0 = start(oc, out[2], cols);
                        int c1 = c0 + size(oc, out[2], cols, c0);
                        for (int ch = 0; ch < channels; ch++) {
                            double sum = 0;
                            float m = -Float.MAX_VALUE;
                            for (int d = d0; d < d1; d++) {
                                for (int r = r0; r < r1; r++) {
                                    for (int c = c0; c < c1; c++) {
                                        float v = x[xb + ((d * rows + r) * cols + c) * channels + ch];
                                        sum += v;
                                        m = v > m ? v : m;
                                    }
                                }
                            }
                            y[q + ch] = max ? m : (float) (sum / ((d1 - d0) * (r1 - r0) * (c1 - c0)));
                        }
                    }
                }
            }
        }
    }

    @Override
    public String toString() {
        return type() + "(" + Arrays.toString(outputSize) + ")";
    }
}
