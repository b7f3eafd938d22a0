package io.keras4j.runtime.ops;

/** boolean[] to and from the int[] (0/1) that an {@link OpSpec} attribute can hold. */
final class Flags {
    private Flags() {
    }

    static int[] toInts(boolean[] flags) {
        int[] out = new int[flags.length];
        for (int i = 0; i < flags.length; i++) {
            out[i] = flags[i] ? 1 : 0;
        }
        return out;
    }

    static boolean[] fromInts(int[] values) {
        boolean[] out = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] != 0 && values[i] != 1) {
                throw new IllegalArgumentException("flag values must be 0 or 1, got " + values[i]);
            }
            out[i] = values[i] == 1;
        }
        return out;
    }
}
