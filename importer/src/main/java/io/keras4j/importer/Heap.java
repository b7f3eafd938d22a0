package io.keras4j.importer;

/** The Java heap left for an import, against which the sizes a file declares are checked before allocating. */
public final class Heap {
    private Heap() {
    }

    /** Bytes of heap not in use now, up to the maximum heap. */
    public static long free() {
        Runtime r = Runtime.getRuntime();
        return r.maxMemory() - (r.totalMemory() - r.freeMemory());
    }

    /** The most one step of an import may allocate: a third of the free heap, in bytes. */
    public static long budget() {
        return free() / 3;
    }

    /** The budget in words, for messages: {@code a third of the free heap (N MiB)}. */
    public static String describeBudget() {
        return "a third of the free heap (" + (budget() >> 20) + " MiB)";
    }
}
