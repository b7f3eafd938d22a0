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
    /**
     * Rows of a panel (k) streamed per pass over a batch: at 256-bit, 64 rows of 4 gates are 8 KiB, and the h slices
     * of 32 sequences another 8 KiB, so both stay in a 32 KiB L1 while every row pair of the batch reuses them. The
     * same for a 4-vector column block of {@link #gemm}'s b.
     */
    private static final int K_BLOCK = Math.max(16, 512 / L);
    /** The starting accumulators of a product without bias. */
    private static final float[] ZEROS = new float[4 * L];

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
        copyBlocks(b, packed, k, n, true);
        return packed;
    }

    @Override
    public float[] unpackGemm(float[] packed, int k, int n) {
        float[] b = new float[k * n];
        copyBlocks(b, packed, k, n, false);
        return b;
    }

    private static void copyBlocks(float[] rowMajor, float[] packed, int k, int n, boolean pack) {
        for (int j = 0; j < n; ) {
            int width = n - j >= 4 * L ? 4 * L : n - j >= L ? L : n - j;
            for (int p = 0; p < k; p++) {
                if (pack) {
                    System.arraycopy(rowMajor, p * n + j, packed, j * k + p * width, width);
                } else {
                    System.arraycopy(packed, j * k + p * width, rowMajor, p * n + j, width);
                }
            }
            j += width;
        }
    }

    /**
     * Blocks of 4 vectors: k in blocks of {@link #K_BLOCK} rows (8 KiB of b at 256-bit, contiguous), each streamed
     * once over every pair of rows of a; the accumulators go back to c between k blocks.
     */
    @Override
    public void gemm(float[] a, int aOff, int m, int k, float[] b, float[] bias, float[] c, int cOff, int n) {
        int j = 0;
        for (; j + 4 * L <= n; j += 4 * L) {
            int k0 = 0;
            do {
                int k1 = Math.min(k, k0 + K_BLOCK);
                float[] init = k0 > 0 ? c : bias == null ? ZEROS : bias;
                int w = j * k + k0 * 4 * L;
                for (int i = 0; i < m; i += 2) {
                    int a0 = aOff + i * k + k0;
                    int c0 = cOff + i * n + j;
                    int from = k0 > 0 ? c0 : bias == null ? 0 : j;
                    if (i + 1 < m) {
                        tile2x4(a, a0, a0 + k, b, w, k1 - k0, init, from, k0 > 0 ? c0 + n : from, c, c0, c0 + n);
                    } else {
                        tile1x4(a, a0, b, w, k1 - k0, init, from, c, c0);
                    }
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
     * The register tile of {@link #gemm} and {@link #lstm}: two rows of a times {@code len} rows of a 4-vector column
     * block. Row r's four accumulators start from {@code init[i_r ...]}, add {@code a[a_r + p]·b[w + 4L·p ...]} for p
     * in order and end at {@code c[c_r ...]}. Two p per pass, indices a plain multiple of the loop's: C2 then removes
     * the range checks and keeps the eight accumulators, four weight vectors and two broadcasts in registers (one p
     * per pass took 1.05-1.5x the time, bench/notes.md).
     */
    private static void tile2x4(float[] a, int a0, int a1, float[] b, int w, int len, float[] init, int i0, int i1,
                                float[] c, int c0, int c1) {
        FloatVector x0 = FloatVector.fromArray(S, init, i0), x1 = FloatVector.fromArray(S, init, i0 + L);
        FloatVector x2 = FloatVector.fromArray(S, init, i0 + 2 * L), x3 = FloatVector.fromArray(S, init, i0 + 3 * L);
        FloatVector y0 = FloatVector.fromArray(S, init, i1), y1 = FloatVector.fromArray(S, init, i1 + L);
        FloatVector y2 = FloatVector.fromArray(S, init, i1 + 2 * L), y3 = FloatVector.fromArray(S, init, i1 + 3 * L);
        int pairs = len >> 1;
        for (int q = 0; q < pairs; q++) {
            int at = w + q * (8 * L);
            FloatVector u = FloatVector.broadcast(S, a[a0 + 2 * q]), v = FloatVector.broadcast(S, a[a1 + 2 * q]);
            FloatVector bv = FloatVector.fromArray(S, b, at);
            x0 = bv.fma(u, x0);
            y0 = bv.fma(v, y0);
            bv = FloatVector.fromArray(S, b, at + L);
            x1 = bv.fma(u, x1);
            y1 = bv.fma(v, y1);
            bv = FloatVector.fromArray(S, b, at + 2 * L);
            x2 = bv.fma(u, x2);
            y2 = bv.fma(v, y2);
            bv = FloatVector.fromArray(S, b, at + 3 * L);
            x3 = bv.fma(u, x3);
            y3 = bv.fma(v, y3);
            u = FloatVector.broadcast(S, a[a0 + 2 * q + 1]);
            v = FloatVector.broadcast(S, a[a1 + 2 * q + 1]);
            bv = FloatVector.fromArray(S, b, at + 4 * L);
            x0 = bv.fma(u, x0);
            y0 = bv.fma(v, y0);
            bv = FloatVector.fromArray(S, b, at + 5 * L);
            x1 = bv.fma(u, x1);
            y1 = bv.fma(v, y1);
            bv = FloatVector.fromArray(S, b, at + 6 * L);
            x2 = bv.fma(u, x2);
            y2 = bv.fma(v, y2);
            bv = FloatVector.fromArray(S, b, at + 7 * L);
            x3 = bv.fma(u, x3);
            y3 = bv.fma(v, y3);
        }
        if ((len & 1) != 0) {
            int p = len - 1;
            int at = w + p * (4 * L);
            FloatVector u = FloatVector.broadcast(S, a[a0 + p]), v = FloatVector.broadcast(S, a[a1 + p]);
            FloatVector bv = FloatVector.fromArray(S, b, at);
            x0 = bv.fma(u, x0);
            y0 = bv.fma(v, y0);
            bv = FloatVector.fromArray(S, b, at + L);
            x1 = bv.fma(u, x1);
            y1 = bv.fma(v, y1);
            bv = FloatVector.fromArray(S, b, at + 2 * L);
            x2 = bv.fma(u, x2);
            y2 = bv.fma(v, y2);
            bv = FloatVector.fromArray(S, b, at + 3 * L);
            x3 = bv.fma(u, x3);
            y3 = bv.fma(v, y3);
        }
        x0.intoArray(c, c0);
        x1.intoArray(c, c0 + L);
        x2.intoArray(c, c0 + 2 * L);
        x3.intoArray(c, c0 + 3 * L);
        y0.intoArray(c, c1);
        y1.intoArray(c, c1 + L);
        y2.intoArray(c, c1 + 2 * L);
        y3.intoArray(c, c1 + 3 * L);
    }

    /**
     * {@link #tile2x4} for one row, with the same sums in the same order (so a row gets the same bits alone or in a
     * tile): one p per pass, four accumulators. Not two rows' tile with the row twice: that took 1.3x the time of
     * this at one row (Dense at batch 1, bench/notes.md).
     */
    private static void tile1x4(float[] a, int a0, float[] b, int w, int len, float[] init, int i0, float[] c, int c0) {
        FloatVector x0 = FloatVector.fromArray(S, init, i0), x1 = FloatVector.fromArray(S, init, i0 + L);
        FloatVector x2 = FloatVector.fromArray(S, init, i0 + 2 * L), x3 = FloatVector.fromArray(S, init, i0 + 3 * L);
        for (int p = 0; p < len; p++) {
            int at = w + p * (4 * L);
            FloatVector u = FloatVector.broadcast(S, a[a0 + p]);
            x0 = FloatVector.fromArray(S, b, at).fma(u, x0);
            x1 = FloatVector.fromArray(S, b, at + L).fma(u, x1);
            x2 = FloatVector.fromArray(S, b, at + 2 * L).fma(u, x2);
            x3 = FloatVector.fromArray(S, b, at + 3 * L).fma(u, x3);
        }
        x0.intoArray(c, c0);
        x1.intoArray(c, c0 + L);
        x2.intoArray(c, c0 + 2 * L);
        x3.intoArray(c, c0 + 3 * L);
    }

    @Override
    public void lstm(float[][] r, int units, float[] s, int zOff, int zStride, int hOff, int hNextOff, int cOff,
                     int stride, int rows, int p0, int p1, boolean descending) {
        for (int i = p0; i < p1; i++) {
            int p = descending ? p0 + p1 - 1 - i : i;
            if (rows == 1) {
                int z = zOff + p * 4 * L;
                tile1x4(s, hOff, r[p], 0, units, s, z, s, z);
                continue;
            }
            for (int k0 = 0; k0 < units; k0 += K_BLOCK) {
                int k1 = Math.min(units, k0 + K_BLOCK);
                int w = k0 * 4 * L;
                int b = 0;
                for (; b + 1 < rows; b += 2) {
                    int z0 = zOff + b * zStride + p * 4 * L;
                    int h0 = hOff + b * stride + k0;
                    tile2x4(s, h0, h0 + stride, r[p], w, k1 - k0, s, z0, z0 + zStride, s, z0, z0 + zStride);
                }
                if (b < rows) {
                    int z0 = zOff + b * zStride + p * 4 * L;
                    tile1x4(s, hOff + b * stride + k0, r[p], w, k1 - k0, s, z0, s, z0);
                }
            }
        }
        for (int b = 0; b < rows; b++) {
            lstmCells(s, zOff + b * zStride + p0 * 4 * L, cOff + b * stride + p0 * L, hNextOff + b * stride + p0 * L, p1 - p0);
        }
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
            int p = descending ? p0 + p1 - 1 - i : i;
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
     * does for each of its sequences; three accumulators (as {@link #tile1x4}).
     */
    private static void gru1(float[] r, int units, float[] s, int z, int h, float[] rb, int rbOff, int out) {
        FloatVector z0 = FloatVector.fromArray(S, s, z), r0 = FloatVector.fromArray(S, s, z + L);
        FloatVector c0 = FloatVector.fromArray(S, rb, rbOff);
        for (int k = 0; k < units; k++) {
            int w = k * (3 * L);
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
     * {@link #tile2x4}'s form measured slower, bench/notes.md).
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
     * step, ...}: {@code RationalTanh.of}'s float operations lane by lane (same names), so the vector and the scalar
     * kernels give the same activations, bit for bit ({@code KernelsTest}).
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
