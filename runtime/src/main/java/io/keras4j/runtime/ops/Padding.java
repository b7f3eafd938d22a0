package io.keras4j.runtime.ops;

/**
 * How a convolution or pooling pads each spatial axis, as TensorFlow and ONNX lay it out: VALID none; SAME
 * {@code ceil(size/stride)} windows with half the needed padding before (the smaller half, {@link #samePadBefore}); CAUSAL
 * {@code (kernelSize-1)·dilation} zeros before (Keras' Conv1D); EXPLICIT given numbers of positions before and after
 * (ONNX {@code pads}).
 */
public enum Padding {
    VALID, SAME, CAUSAL, EXPLICIT;

    /**
     * TensorFlow's same padding before the first window: half (rounded down) of what {@code out} windows of {@code span}
     * positions every {@code stride} need beyond {@code size}, at least zero; the rest goes after the last.
     */
    public static int samePadBefore(int size, int out, int stride, int span) {
        return Math.max((out - 1) * stride + span - size, 0) / 2;
    }

    /**
     * The positions of padding before the first window of TensorFlow's SAME Conv3D and 3-D pooling (channels last, on a
     * CPU): half of what {@code out} windows of {@code span} every {@code stride} need beyond {@code size}, rounded toward
     * zero and, unlike {@link #samePadBefore}, not clamped at zero: where the stride is larger than the window the need is
     * negative and the windows start that many positions in (6 positions, stride 3, window 1: positions 1 and 4).
     */
    public static int tfSamePadBefore(int size, int out, int stride, int span) {
        return (int) (((long) (out - 1) * stride + span - size) / 2);
    }
}
