package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;
import java.util.Arrays;

/**
 * ONNX Det: the determinant of each square matrix in the last two axes, as ONNX Runtime's Eigen computes it in float32:
 * an LU decomposition with partial pivoting (at each column the first row of largest magnitude at or below the diagonal,
 * the column below divided by the pivot, the rest updated as {@code a - l·u}), then the product of the diagonal in
 * order, negated for an odd number of row swaps.
 */
public final class Determinant implements Op {
    @Override
    public String type() {
        return "Det";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).build();
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        Dims.inputs(in, 1, type());
        int[] x = in[0];
        int r = x.length;
        if (r < 2 || x[r - 1] != x[r - 2]) {
            throw new IllegalArgumentException("Det takes square matrices in the last two axes, got " + Shapes.toString(x));
        }
        return new int[][] {Arrays.copyOf(x, r - 2)};
    }

    @Override
    public int scratchSize(int[][] inputShapes) {
        int n = inputShapes[0][inputShapes[0].length - 1];
        return n * n;
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] x = inputShapes[0];
        int n = x[x.length - 1];
        int matrices = Shapes.product(x, 0, x.length - 2);
        for (int m = 0; m < matrices; m++) {
            System.arraycopy(inputs[0], m * n * n, scratch, 0, n * n);
            outputs[0][m] = determinant(scratch, n);
        }
    }

    /** The determinant of the n x n row-major matrix in {@code a}, which it overwrites with its LU factors. */
    private static float determinant(float[] a, int n) {
        boolean negate = false;
        for (int k = 0; k < n; k++) {
            int pivot = k;
            for (int i = k + 1; i < n; i++) {
                if (Math.abs(a[i * n + k]) > Math.abs(a[pivot * n + k])) {
                    pivot = i;
                }
            }
            float p = a[pivot * n + k];
            if (p != 0f) {
                if (pivot != k) {
                    for (int j = 0; j < n; j++) {
                        float t = a[k * n + j];
                        a[k * n + j] = a[pivot * n + j];
                        a[pivot * n + j] = t;
                    }
                    negate = !negate;
                }
                for (int i = k + 1; i < n; i++) {
                    a[i * n + k] /= p;
                }
            }
            for (int i = k + 1; i < n; i++) {
                for (int j = k + 1; j < n; j++) {
                    a[i * n + j] -= a[i * n + k] * a[k * n + j];
                }
            }
        }
        float det = 1f;
        for (int k = 0; k < n; k++) {
            det *= a[k * n + k];
        }
        return negate ? -det : det;
    }
}
