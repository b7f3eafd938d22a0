package io.keras4j.importer.keras;

import java.util.Arrays;

/** One stored weight array of a layer: where it was found, its shape and its values (row-major). */
public record Weight(String path, long[] shape, float[] values) {

    /** The shape as ints, for messages and checks. */
    public String shapeText() {
        return Arrays.toString(shape).replace('[', '(').replace(']', ')');
    }

    /** Whether the shape equals {@code expected}. */
    public boolean hasShape(long... expected) {
        return Arrays.equals(shape, expected);
    }
}
