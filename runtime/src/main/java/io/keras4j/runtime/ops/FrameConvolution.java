package io.keras4j.runtime.ops;

/**
 * A convolution of frames whose spatial sizes are fixed, before its activation, channels last: what {@link ConvLstm}
 * runs each step ({@link Conv2D} over two axes, {@link Conv3D} over three).
 */
interface FrameConvolution {
    /** Output positions along each spatial axis for frames of {@code sizes} positions. */
    int[] outSizes(int[] sizes);

    /** Floats of work memory {@link #convolve} needs for frames of {@code sizes} positions. */
    long workSize(int[] sizes);

    /**
     * Convolves {@code frames} frames of {@code sizes} positions and the input channels each from {@code x[xOff]} into
     * frames of {@link #outSizes} positions and the filters each from {@code y[yOff]}, with {@link #workSize} floats of
     * work memory from {@code work[workOff]}.
     */
    void convolve(float[] x, int xOff, int frames, int[] sizes, float[] y, int yOff, float[] work, int workOff);

    /** The kernel in the Keras layout {@code [kernel sizes...][inChannels][filters]} (a copy where it is held packed). */
    float[] kernel();

    /** The kernel's and bias' floats. */
    long parameterCount();
}
