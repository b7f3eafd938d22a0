package io.keras4j.importer.onnx;

import java.util.List;

/**
 * ONNX HannWindow, HammingWindow and BlackmanWindow (opset 17) of a constant size, computed at import as ONNX Runtime
 * computes them: {@code a0 - a1·cos(τn/N) + a2·cos(2τn/N)} in double with its float coefficients, N the size
 * ({@code periodic}, the default) or the size - 1; float32 output only.
 */
final class WindowTranslator implements OpTranslator {
    /** Each window's cosine-sum coefficients, as ONNX Runtime's floats. */
    enum Kind {
        HANN(.5f, .5f, 0f), HAMMING(25f / 46f, 1 - 25f / 46f, 0f), BLACKMAN(.5f - .16f / 2f, .5f, .16f / 2f);

        private final float a0;
        private final float a1;
        private final float a2;

        Kind(float a0, float a1, float a2) {
            this.a0 = a0;
            this.a1 = a1;
            this.a2 = a2;
        }
    }

    /** The longest window computed. */
    private static final long MAX_SIZE = 1 << 20;

    private final Kind kind;

    WindowTranslator(Kind kind) {
        this.kind = kind;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        long[] size = Args.intScalar(node, b, 0, "size");
        boolean periodic = Args.flag(node, "periodic", 1);
        long type = node.intAttr("output_datatype", DataTypes.FLOAT);
        if (type != DataTypes.FLOAT) {
            node.problem("output_datatype=" + type + " is not supported (1, float)");
        }
        if (size != null && (size[0] < 1 || size[0] > MAX_SIZE)) {
            node.problem("size must be in [1, " + MAX_SIZE + "], got " + size[0]);
        }
        if (size == null || type != DataTypes.FLOAT || size[0] < 1 || size[0] > MAX_SIZE) {
            b.unavailable(List.of(node.output(0)));
            return;
        }
        int n = (int) size[0];
        double increment = 2 * Math.PI / (periodic ? n : n - 1);
        float[] window = new float[n];
        for (int i = 0; i < n; i++) {
            double second = kind.a2 == 0 ? 0 : kind.a2 * Math.cos(2 * increment * i);
            window[i] = (float) (kind.a0 - kind.a1 * Math.cos(increment * i) + second);
        }
        b.defineConstant(node.output(0), OnnxTensor.ofFloats(DataTypes.FLOAT, new int[] {n}, window));
    }
}
