package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;

/**
 * ONNX Runtime's QLinearAdd (com.microsoft) of two 8-bit tensors held as floats (numpy broadcasting), as its x86-64
 * kernel (MLAS, AVX2) computes it in float32. With {@code ra = a_scale / y_scale}, {@code rb = b_scale / y_scale} and
 * {@code fixed = y_zero - fma(ra, a_zero, rb·b_zero)}: {@code y = round(fma(a, ra, fma(b, rb, fixed)))}, ties to even,
 * saturated to {@code [least, most]}. Where b is one value along the output's innermost axis of more than one entry
 * (or b is a single value), ONNX Runtime folds it into the fixed part first: {@code round(fma(a, ra, fixed + b·rb))};
 * where a is (a checked first), the roles swap: {@code round(fma(b, rb, y_zero - fma(rb, b_zero, ra·a_zero) + a·ra))}.
 */
public final class QuantizedAdd implements Op {
    private final float aRatio;
    private final float bRatio;
    /** The fixed part with a first, and with b first (when a is the value folded in). */
    private final float fixed;
    private final float fixedSwapped;
    private final float least;
    private final float most;
    private final float[] params;

    /**
     * @param scales the scales of a, b and y
     * @param zeros  the zero points of a, b and y
     */
    public QuantizedAdd(float[] scales, long[] zeros, long least, long most) {
        if (scales.length != 3 || zeros.length != 3 || least > most) {
            throw new IllegalArgumentException("QLinearAdd takes 3 scales, 3 zero points and an ordered range");
        }
        this.params = new float[] {scales[0], scales[1], scales[2], zeros[0], zeros[1], zeros[2]};
        this.aRatio = scales[0] / scales[2];
        this.bRatio = scales[1] / scales[2];
        this.fixed = zeros[2] - Math.fma(aRatio, (float) zeros[0], bRatio * zeros[1]);
        this.fixedSwapped = zeros[2] - Math.fma(bRatio, (float) zeros[1], aRatio * zeros[0]);
        this.least = least;
        this.most = most;
    }

    @Override
    public String type() {
        return "QLinearAdd";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder("QuantizedAdd").attr("least", (long) least).attr("most", (long) most)
                .weight("params", params.clone(), params.length).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static QuantizedAdd fromSpec(OpSpec s) {
        float[] p = s.weight("params");
        if (p.length != 6) {
            throw new IllegalArgumentException("QuantizedAdd params must hold 3 scales and 3 zero points");
        }
        return new QuantizedAdd(new float[] {p[0], p[1], p[2]}, new long[] {(long) p[3], (long) p[4], (long) p[5]},
                s.longAttr("least"), s.longAttr("most"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        Dims.inputs(in, 2, type());
        return new int[][] {Dims.broadcast(in, type())};
    }

    /**
     * Whether input {@code which} is one value along the output's innermost axis of more than one entry (or the output is
     * a single value).
     */
    private static boolean folded(int[][] shapes, int which) {
        int[] a = shapes[0];
        int[] b = shapes[1];
        for (int d = 1; d <= Math.max(a.length, b.length); d++) {
            int na = d <= a.length ? a[a.length - d] : 1;
            int nb = d <= b.length ? b[b.length - d] : 1;
            if (Math.max(na, nb) > 1) {
                return (which == 0 ? na : nb) == 1;
            }
        }
        return true;
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        float[] a = inputs[0];
        float[] b = inputs[1];
        float[] y = outputs[0];
        boolean foldA = folded(inputShapes, 0);
        boolean foldB = !foldA && folded(inputShapes, 1);
        boolean same = a.length == y.length && b.length == y.length;
        for (int i = 0; i < y.length; i++) {
            float va = same ? a[i] : a[Dims.broadcastOffset(i, inputShapes, 0)];
            float vb = same ? b[i] : b[Dims.broadcastOffset(i, inputShapes, 1)];
            float v;
            if (foldA) {
                v = Math.fma(vb, bRatio, fixedSwapped + va * aRatio);
            } else if (foldB) {
                v = Math.fma(va, aRatio, fixed + vb * bRatio);
            } else {
                v = Math.fma(va, aRatio, Math.fma(vb, bRatio, fixed));
            }
            y[i] = Math.max(least, Math.min((float) Math.rint(v), most));
        }
    }
}
