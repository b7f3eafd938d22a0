package io.keras4j.runtime;

import java.util.Arrays;

/**
 * An immutable float32 array with a shape, row-major. Inputs and outputs of a {@link Model} are tensors;
 * the first dimension is the batch.
 */
public final class Tensor {
    private final float[] data;
    private final int[] shape;

    private Tensor(float[] data, int[] shape) {
        this.data = data;
        this.shape = shape;
    }

    /**
     * A tensor holding a copy of {@code data} with the given shape.
     *
     * @throws IllegalArgumentException if a dimension is negative or the shape does not match the data length
     */
    public static Tensor of(float[] data, int... shape) {
        long size = Shapes.checkedSize(shape);
        if (size != data.length) {
            throw new IllegalArgumentException("shape " + Shapes.toString(shape) + " holds " + size
                    + " values but " + data.length + " were given");
        }
        return new Tensor(data.clone(), shape.clone());
    }

    /** A batch of sequences: {@code sequences[batch][time][feature]}, all of equal length and width. */
    public static Tensor of(float[][][] sequences) {
        int b = sequences.length;
        int t = b == 0 ? 0 : sequences[0].length;
        int f = t == 0 ? 0 : sequences[0][0].length;
        float[] data = new float[Math.multiplyExact(Math.multiplyExact(b, t), f)];
        int at = 0;
        for (int i = 0; i < b; i++) {
            if (sequences[i].length != t) {
                throw new IllegalArgumentException("sequence " + i + " has " + sequences[i].length
                        + " timesteps, sequence 0 has " + t);
            }
            for (int j = 0; j < t; j++) {
                if (sequences[i][j].length != f) {
                    throw new IllegalArgumentException("sequence " + i + " timestep " + j + " has "
                            + sequences[i][j].length + " features, expected " + f);
                }
                System.arraycopy(sequences[i][j], 0, data, at, f);
                at += f;
            }
        }
        return new Tensor(data, new int[] {b, t, f});
    }

    /** A batch of vectors: {@code rows[batch][feature]}. */
    public static Tensor of(float[][] rows) {
        int b = rows.length;
        int f = b == 0 ? 0 : rows[0].length;
        float[] data = new float[Math.multiplyExact(b, f)];
        for (int i = 0; i < b; i++) {
            if (rows[i].length != f) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, row 0 has " + f);
            }
            System.arraycopy(rows[i], 0, data, i * f, f);
        }
        return new Tensor(data, new int[] {b, f});
    }

    /** Wraps an array without copying; for code in this library that hands over ownership. */
    static Tensor wrap(float[] data, int[] shape) {
        return new Tensor(data, shape);
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** Size of dimension {@code axis}. */
    public int dim(int axis) {
        return shape[axis];
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** Number of values. */
    public int size() {
        return data.length;
    }

    /** A copy of the values, row-major. */
    public float[] toArray() {
        return data.clone();
    }

    /** Copies the values into {@code dst} starting at {@code offset}. */
    public void copyTo(float[] dst, int offset) {
        System.arraycopy(data, 0, dst, offset, data.length);
    }

    /** The value at the given indices, one per dimension. */
    public float get(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("tensor of rank " + shape.length + " indexed with " + index.length + " indices");
        }
        int flat = 0;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " outside shape " + Shapes.toString(shape));
            }
            flat = flat * shape[i] + index[i];
        }
        return data[flat];
    }

    /** The backing array, for code in this library that promises not to modify it. */
    float[] data() {
        return data;
    }

    @Override
    public String toString() {
        return "Tensor" + Shapes.toString(shape);
    }
}
