package io.keras4j.importer.onnx;

import io.keras4j.runtime.Shapes;

/**
 * The weights of ONNX Runtime's DynamicQuantizeLSTM in an ONNX LSTM's layout: W {@code [nd, input_size, 4H]} and R
 * {@code [nd, H, 4H]} of int8 or uint8, each with a scale and zero point per direction ({@code [nd]}) or per column
 * ({@code [nd, 4H]}), become {@code w [nd, 4H, input_size]} and {@code r [nd, 4H, H]} of their integers minus the zero
 * point, and scales per column {@code [nd·4H]}. A zero point must be one value per direction: ONNX Runtime reads only
 * the first.
 *
 * @param w      the centred input weights, ONNX layout
 * @param wScale the scale of each input-weight column, per direction
 * @param r      the centred recurrent weights, ONNX layout
 * @param rScale the scale of each recurrent-weight column, per direction
 */
record QuantizedLstmWeights(OnnxTensor w, float[] wScale, OnnxTensor r, float[] rScale) {

    /** W (inputs 1, 8, 9) and R (2, 10, 11) of {@code node}, or null after problems. */
    static QuantizedLstmWeights read(OnnxNode node, OnnxGraphBuilder b, int nd) {
        OnnxTensor[] w = centred(node, b, nd, 1, 8, "W");
        OnnxTensor[] r = centred(node, b, nd, 2, 10, "R");
        return w == null || r == null ? null : new QuantizedLstmWeights(w[0], w[1].floats(), r[0], r[1].floats());
    }

    /** Input {@code at} centred and transposed, and its per-column scales; null after problems. */
    private static OnnxTensor[] centred(OnnxNode node, OnnxGraphBuilder b, int nd, int at, int scaleAt, String what) {
        OnnxTensor q = Args.constant(node, b, at, what);
        OnnxTensor scale = Args.constant(node, b, scaleAt, what + "_scale");
        OnnxTensor zero = Args.constant(node, b, scaleAt + 1, what + "_zero_point");
        if (q == null || scale == null || zero == null) {
            return null;
        }
        int[] s = q.shape();
        if (q.elemType() != DataTypes.INT8 && q.elemType() != DataTypes.UINT8 || s.length != 3 || s[0] != nd) {
            node.problem(what + " is " + q + ": expected int8 or uint8 of shape (" + nd + ", rows, 4·hidden_size)");
            return null;
        }
        int rows = s[1];
        int cols = s[2];
        int[] ss = scale.shape();
        boolean perColumn = ss.length == 2;
        if (!java.util.Arrays.equals(ss, new int[] {nd}) && !java.util.Arrays.equals(ss, new int[] {nd, cols})
                || !java.util.Arrays.equals(zero.shape(), ss)) {
            node.problem(what + "_scale " + Shapes.toString(ss) + " and " + what + "_zero_point "
                    + Shapes.toString(zero.shape()) + " must both have shape (" + nd + ") or (" + nd + ", " + cols + ")");
            return null;
        }
        float[] qv = q.floats();
        float[] sv = scale.floats();
        float[] zv = zero.floats();
        int per = perColumn ? cols : 1;
        float[] centred = new float[qv.length];
        float[] scales = new float[nd * cols];
        for (int d = 0; d < nd; d++) {
            float z = zv[d * per];
            for (int j = 0; j < per; j++) {
                if (zv[d * per + j] != z) {
                    node.problem(what + "_zero_point " + zv[d * per + j] + " differs from " + z + " in direction " + d
                            + ": one zero point per direction only (ONNX Runtime reads the first)");
                    return null;
                }
            }
            for (int c = 0; c < cols; c++) {
                scales[d * cols + c] = sv[d * per + (perColumn ? c : 0)];
                for (int i = 0; i < rows; i++) {
                    centred[(d * cols + c) * rows + i] = qv[(d * rows + i) * cols + c] - z;
                }
            }
        }
        return new OnnxTensor[] {OnnxTensor.ofFloats(DataTypes.FLOAT, new int[] {nd, cols, rows}, centred),
                OnnxTensor.ofFloats(DataTypes.FLOAT, new int[] {nd * cols}, scales)};
    }
}
