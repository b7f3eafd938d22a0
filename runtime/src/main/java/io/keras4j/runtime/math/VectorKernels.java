package io.keras4j.runtime.math;

import static io.keras4j.runtime.math.RationalTanh.CLAMP;
import static io.keras4j.runtime.math.RationalTanh.P0;
import static io.keras4j.runtime.math.RationalTanh.P1;
import static io.keras4j.runtime.math.RationalTanh.P2;
import static io.keras4j.runtime.math.RationalTanh.P3;
import static io.keras4j.runtime.math.RationalTanh.P4;
import static io.keras4j.runtime.math.RationalTanh.Q1;
import static io.keras4j.runtime.math.RationalTanh.Q2;
import static io.keras4j.runtime.math.RationalTanh.Q3;
import static io.keras4j.runtime.math.RationalTanh.SIGMOID_A;
import static io.keras4j.runtime.math.RationalTanh.SIGMOID_B;
import static io.keras4j.runtime.math.RationalTanh.SIGMOID_N;
import static io.keras4j.runtime.math.RationalTanh.TANH_A;
import static io.keras4j.runtime.math.RationalTanh.TANH_B;
import static io.keras4j.runtime.math.RationalTanh.TANH_N;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the JDK Vector API at the preferred width: broadcast-FMA over k-major panels, several
 * independent accumulators, no horizontal reductions. Loaded only when {@code jdk.incubator.vector} is present.
 *
 * <p>No method takes or returns a vector: C2 boxes vectors that cross a call it does not inline, and it
 * declines large callees whose profile is thin. Accumulators go back to the (consumed) projection row
 * and the activations run in place on arrays.
 */
final class VectorKernels extends Kernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** 512-bit vectors come with 32 vector registers (AVX-512): room for {@link #lstm4}'s sixteen accumulators. */
    private static final boolean FOUR_ROWS = L >= 16;
    /**
     * Rows of a panel (k) streamed per pass over a batch: 64 rows of 4 gates are 8 KiB at 256-bit and 16 KiB at
     * 512-bit, and the h slices of 32 sequences another 8 KiB, so both stay in L1 while every tile of the batch reuses
     * them. The same for a 4-vector column block of {@link #gemm}'s b.
     */
    private static final int K_BLOCK = 64;

    @Override
    public String name() {
        return "vector " + S.vectorBitSize() + "-bit";
    }

    @Override
    public int panelUnits(int units) {
        return L;
    }

    @Override
    public float[][] packRecurrent(float[] w, int units, int gates) {
        float[] rows = packColumns(w, units, gates, units);
        int width = rows.length / units;
        float[][] panels = new float[width / (gates * L)][units * gates * L];
        for (int p = 0; p < panels.length; p++) {
            for (int k = 0; k < units; k++) {
                System.arraycopy(rows, k * width + p * gates * L, panels[p], k * gates * L, gates * L);
            }
        }
        return panels;
    }

    /**
     * Column blocks of 4 vectors, then of 1 vector, then the last columns, each block k-major: {@code [k][width]}.
     * A block that starts at column j starts at {@code j·k}.
     */
    @Override
    public float[] packGemm(float[] b, int k, int n) {
        float[] packed = new float[k * n];
        copyBlocks(b, 0, packed, k, n, true);
        return packed;
    }

    @Override
    public void packGemm(float[] b, int bOff, int k, int n, float[] packed) {
        copyBlocks(b, bOff, packed, k, n, true);
    }

    @Override
    public float[] unpackGemm(float[] packed, int k, int n) {
        float[] b = new float[k * n];
        copyBlocks(b, 0, packed, k, n, false);
        return b;
    }

    private static void copyBlocks(float[] rowMajor, int off, float[] packed, int k, int n, boolean pack) {
        for (int j = 0; j < n; ) {
            int width = n - j >= 4 * L ? 4 * L : n - j >= L ? L : n - j;
            for (int p = 0; p < k; p++) {
                if (pack) {
                    System.arraycopy(rowMajor, off + p * n + j, packed, j * k + p * width, width);
                } else {
                    System.arraycopy(packed, j * k + p * width, rowMajor, off + p * n + j, width);
                }
            }
            j += width;
        }
    }

    /**
     * Blocks of 4 vectors: k in blocks of {@link #K_BLOCK} rows (8 KiB of b at 256-bit, 16 KiB at 512-bit,
     * contiguous), each streamed once over every pair of rows of a; the accumulators go back to c between k blocks.
     */
    @Override
    public void gemm(float[] a, int aOff, int m, int k, float[] b, float[] bias, float[] c, int cOff, int n) {
        int j = 0;
        for (; j + 4 * L <= n; j += 4 * L) {
            int k0 = 0;
            do {
                int k1 = Math.min(k, k0 + K_BLOCK);
                int i = 0;
                for (; i + 1 < m; i += 2) {
                    gemm2x4(a, aOff + i * k, k, k0, k1, b, j * k, bias, c, cOff + i * n, n, j);
                }
                if (i < m) {
                    gemm1x4(a, aOff + i * k, k0, k1, b, j * k, bias, c, cOff + i * n, j);
                }
                k0 = k1;
            } while (k0 < k);
        }
        for (; j + L <= n; j += L) {
            for (int i = 0; i < m; i++) {
                FloatVector acc = bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, j);
                int ai = aOff + i * k;
                for (int p = 0, bp = j * k; p < k; p++, bp += L) {
                    acc = FloatVector.fromArray(S, b, bp).fma(FloatVector.broadcast(S, a[ai + p]), acc);
                }
                acc.intoArray(c, cOff + i * n + j);
            }
        }
        int width = n - j;
        for (int col = 0; col < width; col++) {
            for (int i = 0; i < m; i++) {
                float acc = bias == null ? 0f : bias[j + col];
                int ai = aOff + i * k;
                for (int p = 0; p < k; p++) {
                    acc = Math.fma(a[ai + p], b[j * k + p * width + col], acc);
                }
                c[cOff + i * n + j + col] = acc;
            }
        }
    }

    /**
     * Rows ai and ai + k of a times rows [k0, k1) of the 4-vector block at {@code b[block]}, into columns [j, j + 4L)
     * of rows ci and ci + n of c: starting from the bias (or 0) when k0 is 0, else from c.
     */
    private static void gemm2x4(float[] a, int ai, int k, int k0, int k1, float[] b, int block, float[] bias, float[] c,
                                int ci, int n, int j) {
        FloatVector c00, c01, c02, c03, c10, c11, c12, c13;
        if (k0 > 0) {
            c00 = FloatVector.fromArray(S, c, ci + j);
            c01 = FloatVector.fromArray(S, c, ci + j + L);
            c02 = FloatVector.fromArray(S, c, ci + j + 2 * L);
            c03 = FloatVector.fromArray(S, c, ci + j + 3 * L);
            c10 = FloatVector.fromArray(S, c, ci + n + j);
            c11 = FloatVector.fromArray(S, c, ci + n + j + L);
            c12 = FloatVector.fromArray(S, c, ci + n + j + 2 * L);
            c13 = FloatVector.fromArray(S, c, ci + n + j + 3 * L);
        } else {
            c00 = bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, j);
            c01 = bias == null ? c00 : FloatVector.fromArray(S, bias, j + L);
            c02 = bias == null ? c00 : FloatVector.fromArray(S, bias, j + 2 * L);
            c03 = bias == null ? c00 : FloatVector.fromArray(S, bias, j + 3 * L);
            c10 = c00;
            c11 = c01;
            c12 = c02;
            c13 = c03;
        }
        for (int p = k0, bp = block + k0 * 4 * L; p < k1; p++, bp += 4 * L) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp), b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bp + 2 * L), b3 = FloatVector.fromArray(S, b, bp + 3 * L);
            FloatVector a0 = FloatVector.broadcast(S, a[ai + p]), a1 = FloatVector.broadcast(S, a[ai + k + p]);
            c00 = b0.fma(a0, c00);
            c01 = b1.fma(a0, c01);
            c02 = b2.fma(a0, c02);
            c03 = b3.fma(a0, c03);
            c10 = b0.fma(a1, c10);
            c11 = b1.fma(a1, c11);
            c12 = b2.fma(a1, c12);
            c13 = b3.fma(a1, c13);
        }
        c00.intoArray(c, ci + j);
        c01.intoArray(c, ci + j + L);
        c02.intoArray(c, ci + j + 2 * L);
        c03.intoArray(c, ci + j + 3 * L);
        c10.intoArray(c, ci + n + j);
        c11.intoArray(c, ci + n + j + L);
        c12.intoArray(c, ci + n + j + 2 * L);
        c13.intoArray(c, ci + n + j + 3 * L);
    }

    /** {@link #gemm2x4} for one row. */
    private static void gemm1x4(float[] a, int ai, int k0, int k1, float[] b, int block, float[] bias, float[] c, int ci,
                                int j) {
        FloatVector c0, c1, c2, c3;
        if (k0 > 0) {
            c0 = FloatVector.fromArray(S, c, ci + j);
            c1 = FloatVector.fromArray(S, c, ci + j + L);
            c2 = FloatVector.fromArray(S, c, ci + j + 2 * L);
            c3 = FloatVector.fromArray(S, c, ci + j + 3 * L);
        } else {
            c0 = bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, j);
            c1 = bias == null ? c0 : FloatVector.fromArray(S, bias, j + L);
            c2 = bias == null ? c0 : FloatVector.fromArray(S, bias, j + 2 * L);
            c3 = bias == null ? c0 : FloatVector.fromArray(S, bias, j + 3 * L);
        }
        for (int p = k0, bp = block + k0 * 4 * L; p < k1; p++, bp += 4 * L) {
            FloatVector a0 = FloatVector.broadcast(S, a[ai + p]);
            c0 = FloatVector.fromArray(S, b, bp).fma(a0, c0);
            c1 = FloatVector.fromArray(S, b, bp + L).fma(a0, c1);
            c2 = FloatVector.fromArray(S, b, bp + 2 * L).fma(a0, c2);
            c3 = FloatVector.fromArray(S, b, bp + 3 * L).fma(a0, c3);
        }
        c0.intoArray(c, ci + j);
        c1.intoArray(c, ci + j + L);
        c2.intoArray(c, ci + j + 2 * L);
        c3.intoArray(c, ci + j + 3 * L);
    }

    @Override
    public void lstm(float[][] r, int units, float[] s, int zOff, int zStride, int hOff, int hNextOff, int cOff,
                     int stride, int rows, int p0, int p1, boolean descending) {
        for (int i = p0; i < p1; i++) {
            int p = panel(i, p0, p1, descending);
            if (rows == 1) {
                lstm1(r[p], 0, units, s, zOff + p * 4 * L, hOff);
                continue;
            }
            for (int k0 = 0; k0 < units; k0 += K_BLOCK) {
                int k1 = Math.min(units, k0 + K_BLOCK);
                int b = 0;
                for (; FOUR_ROWS && b + 3 < rows; b += 4) {
                    lstm4(r[p], k0, k1, s, zOff + b * zStride + p * 4 * L, zStride, hOff + b * stride, stride);
                }
                for (; b + 1 < rows; b += 2) {
                    lstm2(r[p], k0, k1, s, zOff + b * zStride + p * 4 * L, zStride, hOff + b * stride, stride);
                }
                if (b < rows) {
                    lstm1(r[p], k0, k1, s, zOff + b * zStride + p * 4 * L, hOff + b * stride);
                }
            }
        }
        for (int b = 0; b < rows; b++) {
            lstmCells(s, zOff + b * zStride + p0 * 4 * L, cOff + b * stride + p0 * L, hNextOff + b * stride + p0 * L, p1 - p0);
        }
    }

    /**
     * Adds h·R for k in [k0, k1) to one panel of one sequence's gate row (alone, or left over from a batch's tiles), k
     * in order as the tiles ({@link #lstm2}, {@link #lstm4}) do for each of their sequences, so a sequence gets the
     * same bits alone or in a tile. Four accumulators, two k per pass, h and R walked by offsets: in this form neither
     * JDK 17 nor JDK 25 unrolls the loop further (JDK 17 keeps two range checks in it, JDK 25 none). With one k per
     * pass JDK 25 unrolls it eight times, which ran 1.15-1.3x slower on a Zen 5 (bench/notes.md).
     */
    private static void lstm1(float[] r, int k0, int k1, float[] s, int z, int h) {
        FloatVector i0 = FloatVector.fromArray(S, s, z), f0 = FloatVector.fromArray(S, s, z + L);
        FloatVector g0 = FloatVector.fromArray(S, s, z + 2 * L), o0 = FloatVector.fromArray(S, s, z + 3 * L);
        int w = k0 * 4 * L, hk = h + k0;
        for (int last = h + k1 - 1; hk < last; hk += 2, w += 8 * L) {
            FloatVector ha = FloatVector.broadcast(S, s[hk]), hb = FloatVector.broadcast(S, s[hk + 1]);
            i0 = FloatVector.fromArray(S, r, w).fma(ha, i0);
            f0 = FloatVector.fromArray(S, r, w + L).fma(ha, f0);
            g0 = FloatVector.fromArray(S, r, w + 2 * L).fma(ha, g0);
            o0 = FloatVector.fromArray(S, r, w + 3 * L).fma(ha, o0);
            i0 = FloatVector.fromArray(S, r, w + 4 * L).fma(hb, i0);
            f0 = FloatVector.fromArray(S, r, w + 5 * L).fma(hb, f0);
            g0 = FloatVector.fromArray(S, r, w + 6 * L).fma(hb, g0);
            o0 = FloatVector.fromArray(S, r, w + 7 * L).fma(hb, o0);
        }
        if (hk < h + k1) {
            FloatVector ha = FloatVector.broadcast(S, s[hk]);
            i0 = FloatVector.fromArray(S, r, w).fma(ha, i0);
            f0 = FloatVector.fromArray(S, r, w + L).fma(ha, f0);
            g0 = FloatVector.fromArray(S, r, w + 2 * L).fma(ha, g0);
            o0 = FloatVector.fromArray(S, r, w + 3 * L).fma(ha, o0);
        }
        i0.intoArray(s, z);
        f0.intoArray(s, z + L);
        g0.intoArray(s, z + 2 * L);
        o0.intoArray(s, z + 3 * L);
    }

    /** Adds h·R to one panel of four sequences' gate rows (16 accumulators: for 32 vector registers). */
    private static void lstm4(float[] r, int k0, int k1, float[] s, int z, int zStride, int h, int stride) {
        int z1 = z + zStride, z2 = z1 + zStride, z3 = z2 + zStride;
        int h1 = h + stride, h2 = h1 + stride, h3 = h2 + stride;
        FloatVector i0 = FloatVector.fromArray(S, s, z), f0 = FloatVector.fromArray(S, s, z + L);
        FloatVector g0 = FloatVector.fromArray(S, s, z + 2 * L), o0 = FloatVector.fromArray(S, s, z + 3 * L);
        FloatVector i1 = FloatVector.fromArray(S, s, z1), f1 = FloatVector.fromArray(S, s, z1 + L);
        FloatVector g1 = FloatVector.fromArray(S, s, z1 + 2 * L), o1 = FloatVector.fromArray(S, s, z1 + 3 * L);
        FloatVector i2 = FloatVector.fromArray(S, s, z2), f2 = FloatVector.fromArray(S, s, z2 + L);
        FloatVector g2 = FloatVector.fromArray(S, s, z2 + 2 * L), o2 = FloatVector.fromArray(S, s, z2 + 3 * L);
        FloatVector i3 = FloatVector.fromArray(S, s, z3), f3 = FloatVector.fromArray(S, s, z3 + L);
        FloatVector g3 = FloatVector.fromArray(S, s, z3 + 2 * L), o3 = FloatVector.fromArray(S, s, z3 + 3 * L);
        for (int k = k0; k < k1; k++) {
            int w = k * 4 * L;
            FloatVector wi = FloatVector.fromArray(S, r, w), wf = FloatVector.fromArray(S, r, w + L);
            FloatVector wg = FloatVector.fromArray(S, r, w + 2 * L), wo = FloatVector.fromArray(S, r, w + 3 * L);
            FloatVector ha = FloatVector.broadcast(S, s[h + k]), hb = FloatVector.broadcast(S, s[h1 + k]);
            FloatVector hc = FloatVector.broadcast(S, s[h2 + k]), hd = FloatVector.broadcast(S, s[h3 + k]);
            i0 = wi.fma(ha, i0);
            f0 = wf.fma(ha, f0);
            g0 = wg.fma(ha, g0);
            o0 = wo.fma(ha, o0);
            i1 = wi.fma(hb, i1);
            f1 = wf.fma(hb, f1);
            g1 = wg.fma(hb, g1);
            o1 = wo.fma(hb, o1);
            i2 = wi.fma(hc, i2);
            f2 = wf.fma(hc, f2);
            g2 = wg.fma(hc, g2);
            o2 = wo.fma(hc, o2);
            i3 = wi.fma(hd, i3);
            f3 = wf.fma(hd, f3);
            g3 = wg.fma(hd, g3);
            o3 = wo.fma(hd, o3);
        }
        i0.intoArray(s, z);
        f0.intoArray(s, z + L);
        g0.intoArray(s, z + 2 * L);
        o0.intoArray(s, z + 3 * L);
        i1.intoArray(s, z1);
        f1.intoArray(s, z1 + L);
        g1.intoArray(s, z1 + 2 * L);
        o1.intoArray(s, z1 + 3 * L);
        i2.intoArray(s, z2);
        f2.intoArray(s, z2 + L);
        g2.intoArray(s, z2 + 2 * L);
        o2.intoArray(s, z2 + 3 * L);
        i3.intoArray(s, z3);
        f3.intoArray(s, z3 + L);
        g3.intoArray(s, z3 + 2 * L);
        o3.intoArray(s, z3 + 3 * L);
    }

    /** Adds h·R to one panel of two sequences' gate rows. */
    private static void lstm2(float[] r, int k0, int k1, float[] s, int z, int zStride, int h, int stride) {
        FloatVector i0 = FloatVector.fromArray(S, s, z), f0 = FloatVector.fromArray(S, s, z + L);
        FloatVector g0 = FloatVector.fromArray(S, s, z + 2 * L), o0 = FloatVector.fromArray(S, s, z + 3 * L);
        int z1 = z + zStride;
        FloatVector i1 = FloatVector.fromArray(S, s, z1), f1 = FloatVector.fromArray(S, s, z1 + L);
        FloatVector g1 = FloatVector.fromArray(S, s, z1 + 2 * L), o1 = FloatVector.fromArray(S, s, z1 + 3 * L);
        for (int k = k0; k < k1; k++) {
            int w = k * 4 * L;
            FloatVector wi = FloatVector.fromArray(S, r, w), wf = FloatVector.fromArray(S, r, w + L);
            FloatVector wg = FloatVector.fromArray(S, r, w + 2 * L), wo = FloatVector.fromArray(S, r, w + 3 * L);
            FloatVector ha = FloatVector.broadcast(S, s[h + k]), hb = FloatVector.broadcast(S, s[h + stride + k]);
            i0 = wi.fma(ha, i0);
            f0 = wf.fma(ha, f0);
            g0 = wg.fma(ha, g0);
            o0 = wo.fma(ha, o0);
            i1 = wi.fma(hb, i1);
            f1 = wf.fma(hb, f1);
            g1 = wg.fma(hb, g1);
            o1 = wo.fma(hb, o1);
        }
        i0.intoArray(s, z);
        f0.intoArray(s, z + L);
        g0.intoArray(s, z + 2 * L);
        o0.intoArray(s, z + 3 * L);
        i1.intoArray(s, z1);
        f1.intoArray(s, z1 + L);
        g1.intoArray(s, z1 + 2 * L);
        o1.intoArray(s, z1 + 3 * L);
    }

    /** Gate math of {@code panels} panels of one sequence: z holds the pre-activations i, f, g, o per panel. */
    private static void lstmCells(float[] s, int z, int c, int hNext, int panels) {
        int step = 4 * L;
        sigmoid(s, z, panels, step);
        sigmoid(s, z + L, panels, step);
        tanh(s, z + 2 * L, panels, step);
        sigmoid(s, z + 3 * L, panels, step);
        for (int p = 0, zp = z; p < panels; p++, zp += step) {
            FloatVector cell = FloatVector.fromArray(S, s, zp + L).fma(FloatVector.fromArray(S, s, c + p * L),
                    FloatVector.fromArray(S, s, zp).mul(FloatVector.fromArray(S, s, zp + 2 * L)));
            cell.intoArray(s, c + p * L);
            cell.intoArray(s, zp + 2 * L);
        }
        tanh(s, z + 2 * L, panels, step);
        for (int p = 0, zp = z; p < panels; p++, zp += step) {
            FloatVector.fromArray(S, s, zp + 3 * L).mul(FloatVector.fromArray(S, s, zp + 2 * L)).intoArray(s, hNext + p * L);
        }
    }

    @Override
    public void gru(float[][] r, float[] rb, int units, float[] s, int zOff, int zStride, int hOff, int hNextOff,
                    int stride, int rows, int p0, int p1, boolean descending) {
        for (int i = p0; i < p1; i++) {
            int p = panel(i, p0, p1, descending);
            int tiled = rows / 3 * 3;
            for (int k0 = 0; tiled > 0 && k0 < units; k0 += K_BLOCK) {
                int k1 = Math.min(units, k0 + K_BLOCK);
                for (int b = 0; b < tiled; b += 3) {
                    gru3(r[p], k0, k1, s, zOff + b * zStride + p * 3 * L, zStride, hOff + b * stride, stride, rb, p * L,
                            hNextOff + b * stride + p * L);
                }
            }
            for (int b = tiled; b < rows; b++) {
                gru1(r[p], units, s, zOff + b * zStride + p * 3 * L, hOff + b * stride, rb, p * L, hNextOff + b * stride + p * L);
            }
        }
        for (int b = 0; b < rows; b++) {
            int z = zOff + b * zStride + p0 * 3 * L;
            int step = 3 * L;
            int n = p1 - p0;
            sigmoid(s, z, n, step);
            sigmoid(s, z + L, n, step);
            for (int p = 0, zp = z; p < n; p++, zp += step) {
                int at = (p0 + p) * L + b * stride;
                FloatVector.fromArray(S, s, zp + L).fma(FloatVector.fromArray(S, s, hNextOff + at), FloatVector.fromArray(S, s, zp + 2 * L))
                        .intoArray(s, zp + 2 * L);
            }
            tanh(s, z + 2 * L, n, step);
            for (int p = 0, zp = z; p < n; p++, zp += step) {
                int at = (p0 + p) * L + b * stride;
                FloatVector cand = FloatVector.fromArray(S, s, zp + 2 * L);
                FloatVector.fromArray(S, s, zp).fma(FloatVector.fromArray(S, s, hOff + at).sub(cand), cand).intoArray(s, hNextOff + at);
            }
        }
    }

    /**
     * Adds h·R to one panel of one sequence: gates z and r accumulate in the gate row, the candidate's recurrent
     * part starts from the recurrent bias {@code rb[rbOff]} and goes to {@code s[out]}. k in order, as {@link #gru3}
     * does for each of its sequences; one accumulator per vector, as {@link #lstm1}.
     */
    private static void gru1(float[] r, int units, float[] s, int z, int h, float[] rb, int rbOff, int out) {
        FloatVector z0 = FloatVector.fromArray(S, s, z), r0 = FloatVector.fromArray(S, s, z + L);
        FloatVector c0 = FloatVector.fromArray(S, rb, rbOff);
        for (int k = 0; k < units; k++) {
            int w = k * 3 * L;
            FloatVector hk = FloatVector.broadcast(S, s[h + k]);
            z0 = FloatVector.fromArray(S, r, w).fma(hk, z0);
            r0 = FloatVector.fromArray(S, r, w + L).fma(hk, r0);
            c0 = FloatVector.fromArray(S, r, w + 2 * L).fma(hk, c0);
        }
        z0.intoArray(s, z);
        r0.intoArray(s, z + L);
        c0.intoArray(s, out);
    }

    /**
     * Adds h·R for k in [k0, k1) to one panel of three sequences (rows {@code stride} and {@code zStride} apart), as
     * {@link #gru1} does for all k of one: the candidate's recurrent part starts from {@code rb[rbOff]} at k0 = 0 and
     * from {@code s[out]} after that. Nine accumulators, one weight vector live at a time (a two-sequence tile in
     * {@link #lstm2}'s form measured slower, bench/notes.md).
     */
    private static void gru3(float[] r, int k0, int k1, float[] s, int z, int zStride, int h, int stride, float[] rb,
                             int rbOff, int out) {
        int z1 = z + zStride, z2 = z1 + zStride;
        int out1 = out + stride, out2 = out1 + stride;
        int h1 = h + stride, h2 = h1 + stride;
        FloatVector u0 = FloatVector.fromArray(S, s, z), r0 = FloatVector.fromArray(S, s, z + L);
        FloatVector u1 = FloatVector.fromArray(S, s, z1), r1 = FloatVector.fromArray(S, s, z1 + L);
        FloatVector u2 = FloatVector.fromArray(S, s, z2), r2 = FloatVector.fromArray(S, s, z2 + L);
        FloatVector c0 = k0 == 0 ? FloatVector.fromArray(S, rb, rbOff) : FloatVector.fromArray(S, s, out);
        FloatVector c1 = k0 == 0 ? c0 : FloatVector.fromArray(S, s, out1);
        FloatVector c2 = k0 == 0 ? c0 : FloatVector.fromArray(S, s, out2);
        for (int k = k0; k < k1; k++) {
            int w = k * 3 * L;
            FloatVector ha = FloatVector.broadcast(S, s[h + k]), hb = FloatVector.broadcast(S, s[h1 + k]);
            FloatVector hc = FloatVector.broadcast(S, s[h2 + k]);
            FloatVector wk = FloatVector.fromArray(S, r, w);
            u0 = wk.fma(ha, u0);
            u1 = wk.fma(hb, u1);
            u2 = wk.fma(hc, u2);
            wk = FloatVector.fromArray(S, r, w + L);
            r0 = wk.fma(ha, r0);
            r1 = wk.fma(hb, r1);
            r2 = wk.fma(hc, r2);
            wk = FloatVector.fromArray(S, r, w + 2 * L);
            c0 = wk.fma(ha, c0);
            c1 = wk.fma(hb, c1);
            c2 = wk.fma(hc, c2);
        }
        u0.intoArray(s, z);
        r0.intoArray(s, z + L);
        c0.intoArray(s, out);
        u1.intoArray(s, z1);
        r1.intoArray(s, z1 + L);
        c1.intoArray(s, out1);
        u2.intoArray(s, z2);
        r2.intoArray(s, z2 + L);
        c2.intoArray(s, out2);
    }

    /** The sigmoid of {@code count} vectors at {@code at, at + step, ...}, in place, as {@link RationalTanh#sigmoid}. */
    static void sigmoid(float[] s, int at, int count, int step) {
        activate(s, at, count, step, SIGMOID_A, SIGMOID_N, SIGMOID_B);
    }

    /** tanh of {@code count} vectors at {@code at, at + step, ...}, in place, as {@link RationalTanh#tanh}. */
    static void tanh(float[] s, int at, int count, int step) {
        activate(s, at, count, step, TANH_A, TANH_N, TANH_B);
    }

    /**
     * {@code n·s/(1 + s²) + b} with {@code s = tanh(a·v)} for each lane v of {@code count} vectors at {@code at, at +
     * step, ...}: {@code RationalTanh.half}'s and {@code doubled}'s float operations lane by lane (same names), so
     * the vector and the scalar kernels give the same activations, bit for bit ({@code KernelsTest}).
     *
     * <p>Keep to lane-wise float arithmetic (no masks, blends or reinterpretations) and above C2's inlining size (325
     * bytecodes). C2 (JDK 17) bound some calls of an exp-based form through the receiver's type profile; in a JVM with
     * class-check traps on record in the Vector API it compiled them as virtual calls instead, and they boxed a vector
     * on every pass for the JVM's life (JDK 17 and 25; {@code TrapHistoryTest}, bench/notes.md). With five inlined
     * copies C2 gave up intrinsifying {@code lstmCells} altogether.
     */
    private static void activate(float[] s, int at, int count, int step, float a, float n, float b) {
        FloatVector va = FloatVector.broadcast(S, a), vn = FloatVector.broadcast(S, n), vb = FloatVector.broadcast(S, b);
        FloatVector clampHi = FloatVector.broadcast(S, CLAMP), clampLo = FloatVector.broadcast(S, -CLAMP);
        FloatVector p4 = FloatVector.broadcast(S, P4), p3 = FloatVector.broadcast(S, P3), p2 = FloatVector.broadcast(S, P2);
        FloatVector p1 = FloatVector.broadcast(S, P1), p0 = FloatVector.broadcast(S, P0);
        FloatVector q3 = FloatVector.broadcast(S, Q3), q2 = FloatVector.broadcast(S, Q2), q1 = FloatVector.broadcast(S, Q1);
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector minusHalf = FloatVector.broadcast(S, -0.5f), threeHalves = FloatVector.broadcast(S, 1.5f);
        for (int i = 0, offset = at; i < count; i++, offset += step) {
            FloatVector x = FloatVector.fromArray(S, s, offset).mul(va).min(clampHi).max(clampLo);
            FloatVector t = x.mul(x);
            FloatVector p = t.fma(p4, p3).fma(t, p2).fma(t, p1).fma(t, p0);
            FloatVector q = t.fma(q3, q2).fma(t, q1).fma(t, one);
            FloatVector sx = x.mul(t).neg().fma(p.div(q), x);
            FloatVector s2 = sx.mul(sx);
            FloatVector d = one.add(s2);
            FloatVector dLow = one.sub(d).add(s2).add(sx.fma(sx, s2.neg()));
            FloatVector ns = vn.mul(sx);
            FloatVector y = ns.div(d);
            FloatVector residual = y.neg().fma(dLow, y.neg().fma(d, ns));
            FloatVector hi = y.add(vb);
            residual.fma(d.fma(minusHalf, threeHalves), y.sub(hi.sub(vb))).add(hi).intoArray(s, offset);
        }
    }
}
