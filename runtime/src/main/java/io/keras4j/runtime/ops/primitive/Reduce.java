package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;
import java.util.Arrays;

/**
 * ONNX ReduceMean, ReduceSum, ReduceMax, ReduceMin, ReduceProd, ReduceL1, ReduceL2, ReduceSumSquare, ReduceLogSum and
 * ReduceLogSumExp over fixed axes (all axes when none are given), keeping the reduced axes with size 1 or dropping them. Sums are
 * accumulated in double; the product and the L2 norm's sum of squares in float32, as ONNX Runtime and TensorFlow do (so
 * that they overflow to infinity where those do); the log-sum-exp subtracts each group's maximum first (so that large
 * values do not overflow), as ONNX Runtime does.
 */
public final class Reduce implements Op {
    /** The reduction, with its ONNX operator. */
    public enum Kind {
        MEAN("ReduceMean"), SUM("ReduceSum"), MAX("ReduceMax"), MIN("ReduceMin"), PROD("ReduceProd"), L1("ReduceL1"),
        L2("ReduceL2"), SUM_SQUARE("ReduceSumSquare"), LOG_SUM("ReduceLogSum"), LOG_SUM_EXP("ReduceLogSumExp");

        private final String operator;

        Kind(String operator) {
            this.operator = operator;
        }
    }

    private final Kind kind;
    private final long[] axes;
    private final boolean keepDims;

    /** @param axes the axes to reduce (negative count from the end); empty for all */
    public Reduce(Kind kind, long[] axes, boolean keepDims) {
        this.kind = kind;
        this.axes = axes.clone();
        this.keepDims = keepDims;
    }

    @Override
    public String type() {
        return kind.operator;
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder("Reduce").attr("kind", kind.name()).attr("axes", axes).attr("keepdims", keepDims).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Reduce fromSpec(OpSpec s) {
        return new Reduce(s.enumAttr("kind", Kind.class), s.longsAttr("axes"), s.boolAttr("keepdims"));
    }

    private boolean[] reduced(int rank) {
        boolean[] r = new boolean[rank];
        if (axes.length == 0) {
            Arrays.fill(r, true);
        }
        for (long a : axes) {
            int d = Dims.axis(a, rank, "axis");
            if (r[d]) {
                throw new IllegalArgumentException("axes " + Arrays.toString(axes) + " repeat axis " + d);
            }
            r[d] = true;
        }
        return r;
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        Dims.inputs(in, 1, type());
        int[] x = in[0];
        boolean[] r = reduced(x.length);
        int[] out = new int[x.length];
        int k = 0;
        for (int d = 0; d < x.length; d++) {
            if (!r[d]) {
                out[k++] = x[d];
            } else if (keepDims) {
                out[k++] = 1;
            }
        }
        return new int[][] {Arrays.copyOf(out, k)};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] x = inputShapes[0];
        boolean[] r = reduced(x.length);
        int[] outShape = x.clone();
        int count = 1;
        for (int d = 0; d < x.length; d++) {
            if (r[d]) {
                outShape[d] = 1;
                count *= x[d];
            }
        }
        float[] y = outputs[0];
        float[] src = inputs[0];
        double[] shift = null; // each group's maximum, for the log-sum-exp only
        if (kind == Kind.LOG_SUM_EXP) {
            shift = new double[y.length];
            Arrays.fill(shift, Double.NEGATIVE_INFINITY);
            for (int i = 0; i < src.length; i++) {
                int o = Shapes.broadcastOffset(i, x, outShape);
                shift[o] = Math.max(shift[o], src[i]);
            }
            for (int o = 0; o < shift.length; o++) {
                shift[o] = Double.isInfinite(shift[o]) ? 0 : shift[o];
            }
        }
        double[] acc = new double[y.length];
        Arrays.fill(acc, kind == Kind.MAX ? Double.NEGATIVE_INFINITY : kind == Kind.MIN ? Double.POSITIVE_INFINITY
                : kind == Kind.PROD ? 1 : 0);
        for (int i = 0; i < src.length; i++) {
            int o = Shapes.broadcastOffset(i, x, outShape);
            double v = src[i];
            switch (kind) {
                case MAX:
                    acc[o] = Math.max(acc[o], v);
                    break;
                case MIN:
                    acc[o] = Math.min(acc[o], v);
                    break;
                case PROD:
                    acc[o] = (float) acc[o] * src[i];
                    break;
                case L1:
                    acc[o] += Math.abs(v);
                    break;
                case L2:
                    acc[o] = (float) acc[o] + src[i] * src[i];
                    break;
                case SUM_SQUARE:
                    acc[o] += v * v;
                    break;
                case LOG_SUM_EXP:
                    acc[o] += Math.exp(v - shift[o]);
                    break;
                default:
                    acc[o] += v;
            }
        }
        for (int o = 0; o < y.length; o++) {
            y[o] = (float) (kind == Kind.MEAN ? acc[o] / count : kind == Kind.L2 ? Math.sqrt(acc[o])
                    : kind == Kind.LOG_SUM_EXP ? Math.log(acc[o]) + shift[o] : kind == Kind.LOG_SUM ? Math.log(acc[o]) : acc[o]);
        }
    }
}
