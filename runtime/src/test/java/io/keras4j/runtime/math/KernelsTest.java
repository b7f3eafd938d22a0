package io.keras4j.runtime.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reading the panels of a recurrent step in descending order gives the very same bits as ascending, and so does a
 * sequence (or a row of gemm) computed alone rather than in a batch; gemm computes the product of the matrix it
 * packed; the vector kernels' activations are the scalar ones, bit for bit; the scalar kernels' panel count changes
 * no bit.
 */
class KernelsTest {
    @ParameterizedTest
    @CsvSource({"true, 40, 1", "true, 40, 3", "true, 130, 2", "false, 40, 1", "false, 130, 3"})
    void panelOrderChangesNoBit(boolean lstm, int units, int rows) {
        Kernels k = Kernels.get();
        int gates = lstm ? 4 : 3;
        SplittableRandom random = new SplittableRandom(units * 7L + rows);
        float[] w = values(random, units * gates * units, 0.3);
        float[][] r = k.packRecurrent(w, units, gates);
        float[] rb = k.packColumns(new float[units], 1, 1, units);
        int padded = k.paddedUnits(units);
        int width = gates * padded;
        int h = rows * width;
        float[] s = values(random, h + 3 * rows * padded, 1);
        float[] ascending = s.clone();
        float[] descending = s.clone();
        step(k, lstm, r, rb, units, ascending, width, h, padded, rows, false);
        step(k, lstm, r, rb, units, descending, width, h, padded, rows, true);
        assertArrayEquals(ascending, descending, k.name());
    }

    /**
     * A sequence's step gives the same bits alone as in a batch of seven (in each tile the kernels have: LSTM 4 + 2 + 1
     * at 512-bit, 2 + 2 + 2 + 1 below; GRU 3 + 3 + 1), with units under, across and over one k block, odd and even.
     */
    @ParameterizedTest
    @CsvSource({"true, 7", "true, 70", "true, 130", "false, 7", "false, 70", "false, 130"})
    void aSequenceGetsTheSameBitsAloneAsInABatch(boolean lstm, int units) {
        Kernels k = Kernels.get();
        int gates = lstm ? 4 : 3;
        int rows = 7;
        SplittableRandom random = new SplittableRandom(units * 11L + gates);
        float[][] r = k.packRecurrent(values(random, units * gates * units, 0.3), units, gates);
        float[] rb = k.packColumns(values(random, units, 0.3), 1, 1, units);
        int padded = k.paddedUnits(units);
        int width = gates * padded;
        float[] batch = values(random, rows * (width + 3 * padded), 1);
        float[] start = batch.clone();
        int h = rows * width;
        step(k, lstm, r, rb, units, batch, width, h, padded, rows, false);
        for (int row = 0; row < rows; row++) {
            float[] alone = new float[width + 3 * padded];
            System.arraycopy(start, row * width, alone, 0, width);
            for (int region = 0; region < 3; region++) {
                System.arraycopy(start, h + (region * rows + row) * padded, alone, width + region * padded, padded);
            }
            step(k, lstm, r, rb, units, alone, width, width, padded, 1, false);
            for (int region = 1; region < (lstm ? 3 : 2); region++) {
                int at = h + (region * rows + row) * padded;
                assertArrayEquals(Arrays.copyOfRange(batch, at, at + units),
                        Arrays.copyOfRange(alone, width + region * padded, width + region * padded + units),
                        k.name() + " row " + row + (region == 1 ? " h" : " c"));
            }
        }
    }

    /**
     * The scalar kernels split units into one panel per core (at most 128 units each, the last padded): whatever the
     * count, and whether the panels go in one call or one call each, a step gives the same bits.
     */
    @ParameterizedTest
    @CsvSource({"true, 129, 1", "true, 257, 3", "false, 149, 1", "false, 300, 2"})
    void scalarPanelsChangeNoBit(boolean lstm, int units, int rows) {
        int gates = lstm ? 4 : 3;
        SplittableRandom random = new SplittableRandom(units * 13L + rows);
        float[] w = values(random, units * gates * units, 0.3);
        float[] rb = values(random, units, 0.3);
        float[] z = values(random, rows * gates * units, 1);
        float[] hc = values(random, 2 * rows * units, 1);
        float[] want = null;
        for (int cores : new int[] {1, 2, 3}) {
            ScalarKernels k = new ScalarKernels(cores);
            for (boolean panelPerCall : new boolean[] {false, true}) {
                float[] got = scalarStep(k, lstm, w, rb, z, hc, units, rows, panelPerCall);
                if (want == null) {
                    assertEquals(1, k.paddedUnits(units) / k.panelUnits(units), "one core, one panel");
                    want = got;
                } else {
                    assertArrayEquals(want, got, cores + " cores, a call per panel: " + panelPerCall);
                }
            }
            assertEquals(Math.min(cores, (units + 127) / 128), k.paddedUnits(units) / k.panelUnits(units), cores + " cores");
        }
    }

    /**
     * One step of the scalar kernels from Keras-ordered projections z {@code [rows][gates·units]} and states hc (h, then
     * c, each {@code [rows][units]}); returns the new h, then (LSTM) the new c, in unit order. With {@code panelPerCall}
     * each panel is its own call, the panels from last to first.
     */
    private static float[] scalarStep(ScalarKernels k, boolean lstm, float[] w, float[] rb, float[] z, float[] hc, int units,
                                      int rows, boolean panelPerCall) {
        int gates = lstm ? 4 : 3;
        int padded = k.paddedUnits(units);
        int panels = padded / k.panelUnits(units);
        int width = gates * padded;
        float[][] r = k.packRecurrent(w, units, gates);
        float[] packedRb = k.packColumns(rb, 1, 1, units);
        float[] s = new float[rows * width + 3 * rows * padded];
        System.arraycopy(k.packColumns(z, rows, gates, units), 0, s, 0, rows * width);
        int h = rows * width;
        int next = h + rows * padded;
        int c = next + rows * padded;
        for (int b = 0; b < rows; b++) {
            System.arraycopy(hc, b * units, s, h + b * padded, units);
            System.arraycopy(hc, (rows + b) * units, s, c + b * padded, units);
        }
        for (int i = 0; i < (panelPerCall ? panels : 1); i++) {
            int p0 = panelPerCall ? panels - 1 - i : 0;
            int p1 = panelPerCall ? p0 + 1 : panels;
            if (lstm) {
                k.lstm(r, units, s, 0, width, h, next, c, padded, rows, p0, p1, false);
            } else {
                k.gru(r, packedRb, units, s, 0, width, h, next, padded, rows, p0, p1, false);
            }
        }
        float[] out = new float[(lstm ? 2 : 1) * rows * units];
        for (int b = 0; b < rows; b++) {
            System.arraycopy(s, next + b * padded, out, b * units, units);
            if (lstm) {
                System.arraycopy(s, c + b * padded, out, (rows + b) * units, units);
            }
        }
        return out;
    }

    /** Shapes that reach every column block (4 vectors, 1 vector, single columns) and several k blocks. */
    @ParameterizedTest
    @CsvSource({"1, 16, 96, true", "3, 70, 37, true", "5, 130, 50, false", "2, 1, 8, true", "4, 300, 3, true", "7, 9, 1, false",
            "3, 140, 150, true", "2, 260, 130, false"})
    void gemmIsTheProductOfItsPackedMatrix(int m, int k, int n, boolean withBias) {
        Kernels kernels = Kernels.get();
        SplittableRandom random = new SplittableRandom(m * 31L + k * 7L + n);
        float[] a = values(random, 3 + m * k, 1);
        float[] b = values(random, k * n, 1);
        float[] bias = withBias ? values(random, n, 1) : null;
        float[] packed = kernels.packGemm(b.clone(), k, n);
        assertArrayEquals(b, kernels.unpackGemm(packed, k, n), "unpack");
        float[] c = new float[5 + m * n + 2];
        Arrays.fill(c, 42f);
        kernels.gemm(a, 3, m, k, packed, bias, c, 5, n);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double want = withBias ? bias[j] : 0;
                for (int p = 0; p < k; p++) {
                    want += (double) a[3 + i * k + p] * b[p * n + j];
                }
                float got = c[5 + i * n + j];
                assertTrue(Math.abs(got - want) <= 1e-6 * k, kernels.name() + " c[" + i + "][" + j + "] = " + got + ", want " + want);
            }
        }
        assertArrayEquals(new float[] {42f, 42f, 42f, 42f, 42f, 42f, 42f},
                new float[] {c[0], c[1], c[2], c[3], c[4], c[c.length - 2], c[c.length - 1]}, "outside c's rows");
        for (int i = 0; i < m; i++) {
            float[] row = new float[n];
            kernels.gemm(a, 3 + i * k, 1, k, packed, bias, row, 0, n);
            assertArrayEquals(Arrays.copyOfRange(c, 5 + i * n, 5 + (i + 1) * n), row, kernels.name() + " row " + i + " alone");
        }
    }

    @Test
    void vectorActivationsAreTheScalarOnesBitForBit() {
        assumeTrue(Kernels.get().name().startsWith("vector"), "needs the Vector API kernels");
        int lanes = Kernels.get().panelUnits(1);
        SplittableRandom random = new SplittableRandom(5);
        float[] x = new float[400_000];
        int n = 0;
        for (int i = 0; i < 200_000; i++) {
            x[n++] = (float) random.nextDouble(-30, 30);
        }
        for (float v = -10f; v <= 10f && n < x.length - 64; v = Math.nextUp(v) + 1e-4f) {
            x[n++] = v;
        }
        float clamp = RationalTanh.CLAMP;
        for (float v : new float[] {0f, Float.POSITIVE_INFINITY, Float.NaN, clamp, Math.nextUp(clamp), Math.nextDown(clamp),
                2 * clamp, 4 * clamp, Float.MIN_VALUE, 1e-30f, 0.4f, 88f, 1e30f}) {
            x[n++] = v;
            x[n++] = -v;
        }
        n = (n + lanes - 1) / lanes * lanes;
        float[] scalarTanh = Arrays.copyOf(x, n);
        float[] scalarSigmoid = scalarTanh.clone();
        float[] vectorTanh = scalarTanh.clone();
        float[] vectorSigmoid = scalarTanh.clone();
        RationalTanh.tanh(scalarTanh, 0, n);
        RationalTanh.sigmoid(scalarSigmoid, 0, n);
        VectorKernels.tanh(vectorTanh, 0, n / lanes, lanes);
        VectorKernels.sigmoid(vectorSigmoid, 0, n / lanes, lanes);
        assertArrayEquals(scalarTanh, vectorTanh);
        assertArrayEquals(scalarSigmoid, vectorSigmoid);
    }

    /**
     * One LSTM or GRU step over all panels of {@code rows} sequences: gate rows {@code width} apart from 0, then h,
     * the next h and (LSTM) c from {@code h}, each {@code [rows]} rows {@code stride} apart.
     */
    static void step(Kernels k, boolean lstm, float[][] r, float[] rb, int units, float[] s, int width, int h, int stride,
                     int rows, boolean descending) {
        int next = h + rows * stride;
        int panels = k.paddedUnits(units) / k.panelUnits(units);
        if (lstm) {
            k.lstm(r, units, s, 0, width, h, next, next + rows * stride, stride, rows, 0, panels, descending);
        } else {
            k.gru(r, rb, units, s, 0, width, h, next, stride, rows, 0, panels, descending);
        }
    }

    /** n floats drawn uniformly from (-scale, scale). */
    static float[] values(SplittableRandom random, int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextDouble(-scale, scale);
        }
        return v;
    }
}
