package io.keras4j.runtime.math;

/**
 * The inner loops of the runtime: a blocked matrix product and fused recurrent cells over weights packed
 * into panels. One implementation is chosen when this class loads: the JDK Vector API one when the JVM
 * has the {@code jdk.incubator.vector} module (run with {@code --add-modules jdk.incubator.vector}), else
 * a scalar one. {@code -Dkeras4j.scalar=true} forces the scalar one.
 *
 * <p>Packed recurrent layout: units are grouped into panels of {@link #panelUnits} units, padded to a whole
 * number of panels ({@code up} units). A weight matrix {@code [k][gates·units]} in Keras layout (gate blocks)
 * becomes, for panel p, row kk, gate g and lane l, the value at {@code p·k·gates·pu + kk·gates·pu + g·pu + l}.
 * Projections and states use the same column order, so one panel's gates lie next to each other.
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

    /** For example {@code "vector 256-bit"} or {@code "scalar"}. */
    public abstract String name();

    /** Units per packed panel for a layer of {@code units} units. */
    public abstract int panelUnits(int units);

    /**
     * {@code c[m][n] = bias[n] + a[m][k] · b[k][n]}, row-major, {@code a} and {@code c} from the given offsets,
     * {@code b} from 0; bias may be null.
     */
    public abstract void gemm(float[] a, int aOff, int m, int k, float[] b, float[] bias, float[] c, int cOff, int n);

    /**
     * One LSTM step (sigmoid gates, tanh cell activation) for {@code rows} sequences and panels [p0, p1), all
     * state in {@code s}: z (row r at {@code zOff + r·zStride}) holds {@code x·W + b} in packed order and is
     * consumed; h at {@code hOff}, the new h goes to {@code hNextOff}, c at {@code cOff} is updated in place;
     * state rows are {@code stride} apart. {@code r} holds the packed recurrent kernel of {@code units} rows.
     */
    public abstract void lstm(float[] r, int units, float[] s, int zOff, int zStride, int hOff, int hNextOff, int cOff,
                              int stride, int rows, int p0, int p1);

    /**
     * One GRU step with reset_after (sigmoid gates z and r, tanh candidate), laid out as in {@link #lstm}:
     * z holds {@code x·W + b_in} (plus the recurrent bias for gates z and r); {@code rb} holds the recurrent
     * bias of the candidate, packed per panel; {@code work} gives {@code rows·stride} floats of scratch.
     */
    public abstract void gru(float[] r, float[] rb, int units, float[] s, int zOff, int zStride, int hOff, int hNextOff,
                             int workOff, int stride, int rows, int p0, int p1);
}
