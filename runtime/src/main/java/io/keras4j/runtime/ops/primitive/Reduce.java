package io.keras4j.runtime.ops.primitive;

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

    /** Whether axis {@code d} of a rank-{@code rank} input is reduced (axes checked by {@link #outputShapes}). */
    private boolean isReduced(int d, int rank) {
        if (axes.length == 0) {
            return true;
        }
        for (long a : axes) {
            if ((a < 0 ? a + rank : a) == d) {
                return true;
            }
        }
        return false;
    }

    /**
     * The flat index in {@code x} of position {@code p} (row-major over the reduced axes) of output {@code o} (row-major over
     * the kept axes).
     */
    private int flat(int o, int p, int[] x) {
        int index = 0;
        int stride = 1;
        for (int d = x.length - 1; d >= 0; d--) {
            int i;
            if (isReduced(d, x.length)) {
                i = p % x[d];
                p /= x[d];
            } else {
                i = o % x[d];
                o /= x[d];
            }
            index += i * stride;
            stride *= x[d];
        }
        return index;
    }

    /** Output by output, over its group's values in memory order (allocates nothing). */
    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] x = inputShapes[0];
        int count = 1;
        for (int d = 0; d < x.length; d++) {
            count *= isReduced(d, x.length) ? x[d] : 1;
        }
        float[] y = outputs[0];
        float[] src = inputs[0];
        for (int o = 0; o < y.length; o++) {
            double shift = 0; // the group's maximum, for the log-sum-exp only
            if (kind == Kind.LOG_SUM_EXP) {
                double max = Double.NEGATIVE_INFINITY;
                for (int p = 0; p < count; p++) {
                    max = Math.max(max, src[flat(o, p, x)]);
                }
                shift = Double.isInfinite(max) ? 0 : max;
            }
            double acc = kind == Kind.MAX ? Double.NEGATIVE_INFINITY : kind == Kind.MIN ? Double.POSITIVE_INFINITY
                    : kind == Kind.PROD ? 1 : 0;
            for (int p = 0; p < count; p++) {
                float f = src[flat(o, p, x)];
                double v = f;
                switch (kind) {
                    case MAX:
                        acc = Math.max(acc, v);
                        break;
                    case MIN:
                        acc = Math.min(acc, v);
                        break;
                    case PROD:
                        acc = (float) acc * f;
                        break;
                    case L1:
                        acc += Math.abs(v);
                        break;
                    case L2:
                        acc = (float) acc + f * f;
                        break;
                    case SUM_SQUARE:
                        acc += v * v;
                        break;
                    case LOG_SUM_EXP:
                        acc += Math.exp(v - shift);
                        break;
                    default:
                        acc += v;
                }
            }
            y[o] = (float) (kind == Kind.MEAN ? acc / count : kind == Kind.L2 ? Math.sqrt(acc)
                    : kind == Kind.LOG_SUM_EXP ? Math.log(acc) + shift : kind == Kind.LOG_SUM ? Math.log(acc) : acc);
        }
    }
}
