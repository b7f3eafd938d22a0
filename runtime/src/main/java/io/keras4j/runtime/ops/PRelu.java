package io.keras4j.runtime.ops;

import io.keras4j.runtime.Shapes;

/**
 * Keras PReLU: {@code y = relu(x) - alpha·relu(-x)} with a learned alpha per position of a sample; alpha
 * has the sample's shape with size 1 on shared axes, and broadcasts over them.
 */
public final class PRelu implements Op {
    private final int[] alphaShape;
    private final float[] alpha;

    /** @param alphaShape the shape of alpha: the input shape without the batch axis, 1 on shared axes */
    public PRelu(int[] alphaShape, float[] alpha) {
        Weights.check("alpha", alpha, alphaShape);
        this.alphaShape = alphaShape.clone();
        this.alpha = alpha;
    }

    @Override
    public String type() {
        return "PReLU";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("alpha_shape", alphaShape).weight("alpha", alpha, alphaShape).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static PRelu fromSpec(OpSpec s) {
        return new PRelu(s.intsAttr("alpha_shape"), s.weight("alpha"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        int[] x = Inputs.single(in, type());
        boolean ok = x.length == alphaShape.length + 1;
        for (int d = 0; ok && d < alphaShape.length; d++) {
            ok = alphaShape[d] == 1 || Strides.compatible(x[d + 1], alphaShape[d]);
        }
        if (!ok) {
            throw new IllegalArgumentException("input shape " + Shapes.toString(x) + " does not fit alpha of shape "
                    + Shapes.toString(alphaShape));
        }
        return new int[][] {x.clone()};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        float[] x = inputs[0];
        float[] y = outputs[0];
        int[] shape = inputShapes[0];
        int sample = Strides.product(shape, 1, shape.length);
        boolean full = sample == alpha.length;
        for (int i = 0; i < x.length; i++) {
            int r = sample == 0 ? 0 : i % sample;
            float a = alpha[full ? r : alphaOffset(r, shape)];
            float v = x[i];
            y[i] = Math.max(v, 0f) + -a * Math.max(-v, 0f);
        }
    }

    private int alphaOffset(int r, int[] shape) {
        int off = 0;
        int stride = 1;
        for (int d = alphaShape.length - 1; d >= 0; d--) {
            int size = shape[d + 1];
            int c = r % size;
            r /= size;
            if (alphaShape[d] != 1) {
                off += c * stride;
            }
            stride *= alphaShape[d];
        }
        return off;
    }

    @Override
    public long parameterCount() {
        return alpha.length;
    }
}
