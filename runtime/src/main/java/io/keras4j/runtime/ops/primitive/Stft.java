package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;
import java.util.Arrays;

/**
 * ONNX STFT: frames of {@code frameLength} samples every {@code frameStep} of signal {@code [batch, samples, 1]}
 * (or {@code [batch, samples]}), each times {@code window} when one is given, each transformed as ONNX Runtime's DFT
 * ({@link FloatDft}); the first {@code frameLength / 2 + 1} bins when {@code onesided}: output
 * {@code [batch, frames, bins, 2]} with {@code frames = floor((samples - frameLength) / frameStep) + 1}, the division in
 * float32 as ONNX Runtime's.
 */
public final class Stft implements Op {
    private final int frameStep;
    private final int frameLength;
    private final float[] window;
    private final boolean onesided;
    private final FloatDft transform;

    /** @param window {@code [frameLength]}, or null for none */
    public Stft(int frameStep, int frameLength, float[] window, boolean onesided) {
        if (frameStep < 1 || frameLength < 1 || frameLength > Dft.MAX_LENGTH) {
            throw new IllegalArgumentException("frame_step " + frameStep + " must be positive and the frame length "
                    + frameLength + " in [1, " + Dft.MAX_LENGTH + "]");
        }
        if (window != null && window.length != frameLength) {
            throw new IllegalArgumentException("the window has " + window.length + " values, the frame " + frameLength);
        }
        this.frameStep = frameStep;
        this.frameLength = frameLength;
        this.window = window == null ? null : window.clone();
        this.onesided = onesided;
        this.transform = new FloatDft(frameLength, false);
    }

    @Override
    public String type() {
        return "STFT";
    }

    @Override
    public OpSpec spec() {
        OpSpec.Builder b = OpSpec.builder(type()).attr("frameStep", frameStep).attr("frameLength", frameLength)
                .attr("onesided", onesided);
        if (window != null) {
            b.weight("window", window, frameLength);
        }
        return b.build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Stft fromSpec(OpSpec s) {
        return new Stft(s.intAttr("frameStep"), s.intAttr("frameLength"), s.weight("window"), s.boolAttr("onesided"));
    }

    @Override
    public long parameterCount() {
        return window == null ? 0 : frameLength;
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        Dims.inputs(in, 1, type());
        int[] x = in[0];
        if (x.length != 2 && (x.length != 3 || x[2] != 1 && x[2] >= 0)) {
            throw new IllegalArgumentException("the signal must be [batch, samples, 1] or [batch, samples] (a real"
                    + " signal), got " + Arrays.toString(x));
        }
        int bins = onesided ? frameLength / 2 + 1 : frameLength;
        return new int[][] {{x[0], x[1] < 0 ? -1 : frames(x[1]), bins, 2}};
    }

    private int frames(int samples) {
        if (samples < frameLength) {
            throw new IllegalArgumentException("the signal has " + samples + " samples, fewer than a frame of "
                    + frameLength);
        }
        return (int) Math.floor((float) (samples - frameLength) / (float) frameStep) + 1;
    }

    @Override
    public int scratchSize(int[][] in) {
        return FloatDft.scratchSize(frameLength);
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int samples = inputShapes[0][1];
        int frames = frames(samples);
        int bins = onesided ? frameLength / 2 + 1 : frameLength;
        for (int b = 0; b < inputShapes[0][0]; b++) {
            for (int f = 0; f < frames; f++) {
                transform.transform(inputs[0], b * samples + f * frameStep, 1, false, frameLength, window, outputs[0],
                        (b * frames + f) * bins * 2, 2, bins, scratch);
            }
        }
    }
}
