package io.keras4j.runtime.math;

/**
 * The inner loops of the runtime: a blocked matrix product and fused recurrent cells over weights packed
 * into panels. One implementation is chosen when this class loads: the JDK Vector API one when the JVM
 * has the {@code jdk.incubator.vector} module (run with {@code --add-modules jdk.incubator.vector}), else
 * a scalar one. {@code -Dkeras4j.scalar=true} forces the scalar one.
 *
 * <p>Packed layout: units are grouped into panels of {@link #panelUnits} units ({@code pu}), padded to a whole
 * number of panels ({@code up} units). Projections, biases and states order their columns panel by panel, and
 * within a panel gate by gate ({@code p·gates·pu + g·pu + l}), so one panel's gates lie next to each other.
 * Recurrent weights are packed by {@link #packRecurrent} into whatever arrays the implementation streams.
 */
public abstract class Kernels {
    private static final Kernels INSTANCE = load();

    /** The implementation this JVM uses. */
    public static Kernels get() {
        return INSTANCE;
    }

    private static Kernels load() {
        if (!Boolean.getBoolean("keras4j.scalar") && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                Kernels k = (Kernels) Class.forName("io.keras4j.runtime.math.VectorKernels").getDeclaredConstructor().newInstance();
                if (k.panelUnits(Integer.MAX_VALUE) >= 4) {
                    return k;
                }
            } catch (ReflectiveOperationException | LinkageError e) {
                // No usable Vector API: fall through to the scalar loops.
            }
        }
        return new ScalarKernels();
    }

    /**
     * The row stride, in floats, at which to lay rows of {@code floats} floats that a kernel touches together (the
     * sequences of a batch): the least length of at least {@code floats} that is an odd number of 64-byte lines.
     * Rows a whole number of 4 KiB apart fall in the same few L1 sets: an LSTM 256 or 512 step over 16 or 32
     * sequences laid so took 1.33-1.37x as long (KernelProbe, both layouts in one JVM).
     */
    public static int spread(int floats) {
        int lines = (floats + 15) / 16;
        return (lines | 1) * 16;
    }

    /** For example {@code "vector 256-bit"} or {@code "scalar"}. */
    public abstract String name();

    /** Units per packed panel for a layer of {@code units} units (for the scalar kernels, also by the core count). */
    public abstract int panelUnits(int units);

    /** {@code units} rounded up to whole panels: the {@code up} of the packed layout. */
    public final int paddedUnits(int units) {
        int pu = panelUnits(units);
        return (units + pu - 1) / pu * pu;
    }

    /**
     * Reorders the columns of {@code [rows][gates·units]} (Keras layout: gate blocks) into this implementation's
     * panel order, zero-padded: {@code [rows][gates·up]}. For input kernels, biases and, with rows 1, vectors.
     */
    public final float[] packColumns(float[] w, int rows, int gates, int units) {
        int pu = panelUnits(units);
        int padded = paddedUnits(units);
        float[] out = new float[rows * gates * padded];
        for (int k = 0; k < rows; k++) {
            for (int g = 0; g < gates; g++) {
                for (int j = 0; j < units; j++) {
                    out[k * gates * padded + j / pu * gates * pu + g * pu + j % pu] = w[k * gates * units + g * units + j];
                }
            }
        }
        return out;
    }

    /**
     * Packs recurrent weights {@code [units][gates·units]} (Keras layout: gate blocks) for {@link #lstm} and
     * {@link #gru}.
     */
    public abstract float[][] packRecurrent(float[] w, int units, int gates);

    /**
     * {@code b [k][n]} (row-major) in the layout {@link #gemm} reads, for constant weights: packed once, read on
     * every call. May return {@code b} itself.
     */
    public abstract float[] packGemm(float[] b, int k, int n);

    /**
     * {@code b [k][n]} (row-major, from {@code bOff}) in the layout {@link #gemm} reads, written to the first
     * {@code k·n} values of {@code packed}: for a matrix computed at run time, packed on every call into scratch.
     */
    public abstract void packGemm(float[] b, int bOff, int k, int n, float[] packed);

    /** A new row-major {@code [k][n]} array of a matrix packed by {@link #packGemm}. */
    public abstract float[] unpackGemm(float[] packed, int k, int n);

    /**
     * {@code c[m][n] = bias[n] + a[m][k] · b[k][n]}, row-major, {@code a} and {@code c} from the given offsets;
     * {@code b} packed by {@link #packGemm}; bias may be null; c must not overlap a or bias.
     */
    public abstract void gemm(float[] a, int aOff, int m, int k, float[] b, float[] bias, float[] c, int cOff, int n);

    /** The panel that {@link #lstm} and {@link #gru} read at iteration i of [p0, p1), in the order {@code descending} asks. */
    static int panel(int i, int p0, int p1, boolean descending) {
        return descending ? p0 + p1 - 1 - i : i;
    }

    /**
     * One LSTM step (sigmoid gates, tanh cell activation) for {@code rows} sequences and panels [p0, p1), all
     * state in {@code s}: z (row r at {@code zOff + r·zStride}) holds {@code x·W + b} in packed order, and the
     * kernels may overwrite it; h at {@code hOff}, the new h goes to {@code hNextOff}, c at {@code cOff} is updated
     * in place; state rows are {@code stride} apart. {@code r} holds the recurrent kernel packed by {@link #packRecurrent}.
     * With {@code descending} the panels are read from {@code p1 - 1} down to {@code p0}: callers alternate it from
     * step to step, so that when the recurrent kernel is larger than the cache, the weights read last, still in
     * cache, are read first. The order changes no result.
     */
    public abstract void lstm(float[][] r, int units, float[] s, int zOff, int zStride, int hOff, int hNextOff, int cOff,
                              int stride, int rows, int p0, int p1, boolean descending);

    /**
     * One GRU step with reset_after (sigmoid gates z and r, tanh candidate), laid out as in {@link #lstm}:
     * z holds {@code x·W + b_in} (plus the recurrent bias for gates z and r); {@code rb} holds the recurrent
     * bias of the candidate, packed per panel.
     */
    public abstract void gru(float[][] r, float[] rb, int units, float[] s, int zOff, int zStride, int hOff, int hNextOff,
                             int stride, int rows, int p0, int p1, boolean descending);
}
