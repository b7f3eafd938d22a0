package io.keras4j.runtime.ops;

/**
 * Each thread's double buffer for an op that computes in double, grown to the largest size that thread has asked for, so
 * that a forward pass allocates only until its sizes stop growing.
 */
final class DoubleScratch {
    private final ThreadLocal<double[][]> held = ThreadLocal.withInitial(() -> new double[1][0]);

    /** This thread's buffer of at least {@code size} doubles (its contents left from earlier calls). */
    double[] get(int size) {
        double[][] h = held.get();
        if (h[0].length < size) {
            h[0] = new double[size];
        }
        return h[0];
    }
}
