package io.keras4j.runtime.ops;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.math.Kernels;
import io.keras4j.runtime.math.Parallel;
import java.util.Arrays;

/**
 * The fast time loop of an LSTM (sigmoid gates, tanh) or GRU (reset_after, sigmoid gates, tanh) without a
 * mask: weights packed once into {@link Kernels}' panel layout, the input projection of all timesteps in
 * one matrix product, then one fused {@link Kernels#lstm}/{@link Kernels#gru} call per step. With several
 * threads, sequences of the batch are split between them; a single sequence with large recurrent weights
 * has its panels split instead, so each core streams its own share, with a spin barrier per step.
 *
 * <p>Scratch: the projection {@code [batch][time][gates·up]}, then h twice (current and next), then c (LSTM),
 * each {@code [batch][up]}, with the sequences of each laid {@link Kernels#spread} apart.
 */
final class FusedRecurrence {
    /** Split one sequence's panels across threads when its recurrent weights hold at least this many floats. */
    private static final long SPLIT_FLOATS = 64L * 1024;

    private final Kernels kernels = Kernels.get();
    private final boolean lstm;
    private final int gates;
    private final int inputSize;
    private final int units;
    private final int panelUnits;
    private final int padded;
    /** Floats in one timestep's projection row: {@code gates·padded}. */
    private final int width;
    /** Floats between the h (or c) rows of two sequences in the scratch. */
    private final int stateStride;
    private final float[] kernel;
    private final float[] bias;
    private final float[][] recurrent;
    private final float[] recurrentBias;
    private static final ThreadLocal<Call> CALLS = ThreadLocal.withInitial(Call::new);

    /**
     * @param kernel             {@code [inputSize][gates·units]} in Keras gate-block layout
     * @param bias               {@code [gates·units]} added to the projection, or null
     * @param recurrentKernel    {@code [units][gates·units]}
     * @param recurrentBias      GRU only: {@code [3·units]} recurrent bias (reset_after), or null
     */
    FusedRecurrence(boolean lstm, int inputSize, int units, float[] kernel, float[] bias, float[] recurrentKernel,
                    float[] recurrentBias) {
        this.lstm = lstm;
        this.gates = lstm ? 4 : 3;
        this.inputSize = inputSize;
        this.units = units;
        this.panelUnits = kernels.panelUnits(units);
        this.padded = kernels.paddedUnits(units);
        this.width = gates * padded;
        this.stateStride = Kernels.spread(padded);
        float[] b = bias == null ? new float[gates * units] : bias.clone();
        float[] rb = new float[units];
        if (recurrentBias != null) {
            for (int j = 0; j < 2 * units; j++) {
                b[j] += recurrentBias[j];
            }
            System.arraycopy(recurrentBias, 2 * units, rb, 0, units);
        }
        this.kernel = kernels.packGemm(kernels.packColumns(kernel, inputSize, gates, units), inputSize, width);
        this.bias = kernels.packColumns(b, 1, gates, units);
        this.recurrent = kernels.packRecurrent(recurrentKernel, units, gates);
        this.recurrentBias = lstm ? null : kernels.packColumns(rb, 1, 1, units);
    }

    long scratchSize(int batch, int time) {
        return (long) batch * sequenceStride(time) + 3L * batch * stateStride;
    }

    /** Floats between the projections of two sequences of {@code time} steps in the scratch. */
    private int sequenceStride(int time) {
        return Kernels.spread(Shapes.checkedScratch((long) time * width));
    }

    /** This thread's reusable call, to fill with {@link Call#state} before {@link #run}. */
    Call call() {
        return CALLS.get();
    }

    /**
     * Runs the layer on {@code x [batch][time][inputSize]}; the final h goes to {@code last} and the h of every
     * step, in processing order, to {@code sequence} ({@code [batch][time][units]}), each if not null.
     */
    void run(Call call, float[] x, int batch, int time, boolean backwards, float[] sequence, float[] last,
             float[] scratch, Parallel parallel) {
        call.layer = this;
        call.x = x;
        call.batch = batch;
        call.time = time;
        call.backwards = backwards;
        call.sequence = sequence;
        call.last = last;
        call.s = scratch;
        call.parallel = parallel;
        int threads = parallel.threads();
        int parts = 1;
        call.splitPanels = false;
        if (threads > 1 && batch >= 2) {
            parts = Math.min(threads, batch);
        } else if (threads > 1 && (long) units * gates * padded >= SPLIT_FLOATS && padded / panelUnits >= 2) {
            parts = Math.min(threads, padded / panelUnits);
            call.splitPanels = true;
        }
        try {
            parallel.run(parts, call);
        } finally {
            call.clear();
        }
    }

    /**
     * The arguments of one call, reused by the thread that makes it, for every layer: it holds the layer only during
     * the call, so that a thread's Call keeps no layer's weights alive.
     */
    static final class Call implements Parallel.Task {
        private final float[][] from = new float[2][];
        private final int[] fromOff = new int[2];
        private final float[][] to = new float[2][];
        private final int[] toOff = new int[2];
        private float[] x;
        private int batch;
        private int time;
        private boolean backwards;
        private float[] sequence;
        private float[] last;
        private float[] s;
        private boolean splitPanels;
        private Parallel parallel;
        private FusedRecurrence layer;

        /**
         * State k (h, then c for LSTM) starts from {@code [batch][units]} at {@code src[srcOff]} (zeros if src is
         * null) and ends at {@code dst[dstOff]} (dropped if dst is null).
         */
        void state(int k, float[] src, int srcOff, float[] dst, int dstOff) {
            from[k] = src;
            fromOff[k] = srcOff;
            to[k] = dst;
            toOff[k] = dstOff;
        }

        private void clear() {
            Arrays.fill(from, null);
            Arrays.fill(to, null);
            x = null;
            sequence = null;
            last = null;
            s = null;
            parallel = null;
            layer = null;
        }

        @Override
        public void run(int part, int parts) {
            FusedRecurrence l = layer;
            int panels = l.padded / l.panelUnits;
            int r0 = 0;
            int r1 = batch;
            int p0 = 0;
            int p1 = panels;
            if (splitPanels) {
                p0 = part * panels / parts;
                p1 = (part + 1) * panels / parts;
            } else {
                r0 = part * batch / parts;
                r1 = (part + 1) * batch / parts;
            }
            int seq = l.sequenceStride(time);
            int st = l.stateStride;
            int hAt = batch * seq;
            int nextAt = hAt + batch * st;
            int cAt = nextAt + batch * st;
            int u0 = Math.min(l.units, p0 * l.panelUnits);
            int u1 = Math.min(l.units, p1 * l.panelUnits);
            int bt = batch * time;
            if (splitPanels) {
                project(part * bt / parts, (part + 1) * bt / parts, seq);
            } else {
                project(r0 * time, r1 * time, seq);
            }
            for (int b = r0; b < r1; b++) {
                for (int k = 0; k < (l.lstm ? 2 : 1); k++) {
                    int at = (k == 0 ? hAt : cAt) + b * st;
                    if (from[k] == null) {
                        Arrays.fill(s, at + u0, at + u1, 0f);
                    } else {
                        System.arraycopy(from[k], fromOff[k] + b * l.units + u0, s, at + u0, u1 - u0);
                    }
                    if (p1 == panels) {
                        Arrays.fill(s, at + l.units, at + l.padded, 0f);
                    }
                }
            }
            if (splitPanels) {
                parallel.await();
            }
            int cur = hAt;
            int next = nextAt;
            for (int step = 0; step < time; step++) {
                int t = backwards ? time - 1 - step : step;
                int z = r0 * seq + t * l.width;
                if (l.lstm) {
                    l.kernels.lstm(l.recurrent, l.units, s, z, seq, cur + r0 * st, next + r0 * st, cAt + r0 * st, st,
                            r1 - r0, p0, p1, (step & 1) == 1);
                } else {
                    l.kernels.gru(l.recurrent, l.recurrentBias, l.units, s, z, seq, cur + r0 * st, next + r0 * st, st,
                            r1 - r0, p0, p1, (step & 1) == 1);
                }
                if (sequence != null) {
                    for (int b = r0; b < r1; b++) {
                        System.arraycopy(s, next + b * st + u0, sequence, (b * time + step) * l.units + u0, u1 - u0);
                    }
                }
                if (splitPanels) {
                    parallel.await();
                }
                int swap = cur;
                cur = next;
                next = swap;
            }
            for (int b = r0; b < r1; b++) {
                if (last != null) {
                    System.arraycopy(s, cur + b * st + u0, last, b * l.units + u0, u1 - u0);
                }
                for (int k = 0; k < (l.lstm ? 2 : 1); k++) {
                    if (to[k] != null) {
                        System.arraycopy(s, (k == 0 ? cur : cAt) + b * st + u0, to[k], toOff[k] + b * l.units + u0, u1 - u0);
                    }
                }
            }
        }

        /** The projection of input rows [m0, m1) of {@code [batch·time]}, each sequence's rows to its own block. */
        private void project(int m0, int m1, int seq) {
            FusedRecurrence l = layer;
            for (int m = m0; m < m1; ) {
                int b = m / time;
                int end = Math.min(m1, (b + 1) * time);
                l.kernels.gemm(x, m * l.inputSize, end - m, l.inputSize, l.kernel, l.bias, s, b * seq + (m - b * time) * l.width, l.width);
                m = end;
            }
        }
    }
}
