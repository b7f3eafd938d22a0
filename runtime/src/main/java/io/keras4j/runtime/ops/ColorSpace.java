package io.keras4j.runtime.ops;

import java.util.Arrays;

/**
 * TensorFlow's image colour-space conversions, {@code tf.image.rgb_to_hsv} and {@code hsv_to_rgb}, over the last axis
 * of 3 channels, in the float32 steps of TensorFlow's CPU kernels. RGB to HSV: {@code v = max(r, g, b)},
 * {@code range = v - min(r, g, b)}, {@code s = v > 0 ? range / v : 0}, with {@code norm = (1 / range) · (1/6)} the hue
 * {@code norm · (g - b)} where r is the max, else {@code norm · (b - r) + 2/6} where g is, else
 * {@code norm · (r - g) + 4/6}; 0 where range is not positive, plus 1 where negative. HSV to RGB:
 * {@code (1 - s + s · clamp(f)) · v} per channel, with {@code dh = 6h} and f {@code |dh - 3| - 1},
 * {@code 2 - |dh - 2|}, {@code 2 - |dh - 4|}, each clamped to [0, 1].
 */
public final class ColorSpace implements Op {
    /** Which conversion. */
    public enum Kind {
        RGB_TO_HSV, HSV_TO_RGB
    }

    private final Kind kind;

    public ColorSpace(Kind kind) {
        this.kind = kind;
    }

    @Override
    public String type() {
        return "ColorSpace";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("kind", kind.name()).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static ColorSpace fromSpec(OpSpec s) {
        return new ColorSpace(s.enumAttr("kind", Kind.class));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        int[] shape = Inputs.single(in, type());
        if (shape.length < 1 || shape[shape.length - 1] != 3) {
            throw new IllegalArgumentException(type() + ": the last axis must hold 3 channels, got shape "
                    + Arrays.toString(shape));
        }
        return new int[][] {shape.clone()};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        float[] x = inputs[0];
        float[] y = outputs[0];
        for (int i = 0; i < x.length; i += 3) {
            if (kind == Kind.RGB_TO_HSV) {
                toHsv(x[i], x[i + 1], x[i + 2], y, i);
            } else {
                toRgb(x[i], x[i + 1], x[i + 2], y, i);
            }
        }
    }

    private static void toHsv(float r, float g, float b, float[] y, int at) {
        float v = Math.max(Math.max(r, g), b);
        float range = v - Math.min(Math.min(r, g), b);
        float norm = (1f / range) * (1f / 6f);
        float h = r == v ? norm * (g - b) : g == v ? norm * (b - r) + 2f / 6f : norm * (r - g) + 4f / 6f;
        h = range > 0f ? h : 0f;
        y[at] = h < 0f ? h + 1f : h;
        y[at + 1] = v > 0f ? range / v : 0f;
        y[at + 2] = v;
    }

    private static void toRgb(float h, float s, float v, float[] y, int at) {
        float dh = h * 6f;
        float oneMinusS = -s + 1f;
        y[at] = (oneMinusS + s * clamp(Math.abs(dh - 3f) - 1f)) * v;
        y[at + 1] = (oneMinusS + s * clamp(-Math.abs(dh - 2f) + 2f)) * v;
        y[at + 2] = (oneMinusS + s * clamp(-Math.abs(dh - 4f) + 2f)) * v;
    }

    private static float clamp(float f) {
        return Math.min(Math.max(f, 0f), 1f);
    }
}
