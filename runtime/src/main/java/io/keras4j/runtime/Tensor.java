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

    /** Batch rows {@code [from, to)} of this tensor (first dimension), as a new tensor. */
    public Tensor rows(int from, int to) {
        if (shape.length == 0 || from < 0 || to > shape[0] || from > to) {
            throw new IndexOutOfBoundsException("rows [" + from + ", " + to + ") of a tensor of shape " + Shapes.toString(shape));
        }
        int per = Shapes.product(shape, 1, shape.length);
        int[] s = shape.clone();
        s[0] = to - from;
        return new Tensor(Arrays.copyOfRange(data, from * per, to * per), s);
    }

    /** Stacks tensors of equal shape but for the first dimension along that dimension. */
    public static Tensor concatRows(java.util.List<Tensor> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no tensors to stack");
        }
        int[] s = parts.get(0).shape();
        int rows = 0;
        for (Tensor t : parts) {
            if (t.rank() != s.length || !Arrays.equals(Arrays.copyOfRange(t.shape, 1, t.rank()), Arrays.copyOfRange(s, 1, s.length))) {
                throw new IllegalArgumentException("cannot stack shape " + Shapes.toString(t.shape) + " under " + Shapes.toString(s));
            }
            rows += t.shape[0];
        }
        s[0] = rows;
        float[] all = new float[Shapes.checkedSize(s)];
        int at = 0;
        for (Tensor t : parts) {
            System.arraycopy(t.data, 0, all, at, t.data.length);
            at += t.data.length;
        }
        return new Tensor(all, s);
    }

    /** Wraps an array without copying; for code in this library that hands over ownership. */
    static Tensor wrap(float[] data, int[] shape) {
        return new Tensor(data, shape);
    }

    /** The shape array itself, for code in this library that promises not to modify it. */
    int[] dims() {
        return shape;
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
