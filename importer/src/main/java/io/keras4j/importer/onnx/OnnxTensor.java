package io.keras4j.importer.onnx;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.Tensor;
import java.util.Arrays;

/**
 * A decoded ONNX tensor: its element type ({@code TensorProto.DataType} number), its shape, and its values,
 * held as longs for integer and bool types (so int64 values stay exact until they are used) and as floats
 * otherwise.
 */
public final class OnnxTensor {
    private final int elemType;
    private final int[] shape;
    private final float[] floats;
    private final long[] longs;

    private OnnxTensor(int elemType, int[] shape, float[] floats, long[] longs) {
        this.elemType = elemType;
        this.shape = shape.clone();
        this.floats = floats;
        this.longs = longs;
    }

    /** A float tensor. */
    public static OnnxTensor ofFloats(int elemType, int[] shape, float[] values) {
        return new OnnxTensor(elemType, shape, values, null);
    }

    /** An integer or bool tensor. */
    public static OnnxTensor ofLongs(int elemType, int[] shape, long[] values) {
        return new OnnxTensor(elemType, shape, null, values);
    }

    public int elemType() {
        return elemType;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int size() {
        return floats != null ? floats.length : longs.length;
    }

    /** The values as longs; float values must be integers. */
    public long[] longs() {
        if (longs != null) {
            return longs.clone();
        }
        long[] out = new long[floats.length];
        for (int i = 0; i < out.length; i++) {
            if (floats[i] != Math.rint(floats[i])) {
                throw new IllegalArgumentException("value " + floats[i] + " is not an integer");
            }
            out[i] = (long) floats[i];
        }
        return out;
    }

    /**
     * The values as float32, as the runtime holds them.
     *
     * @throws IllegalArgumentException if an integer value has no exact float32 (beyond 2^24 only some do)
     */
    public float[] floats() {
        if (floats != null) {
            return floats.clone();
        }
        float[] out = new float[longs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = longs[i];
            if ((long) out[i] != longs[i]) {
                throw new IllegalArgumentException("integer value " + longs[i] + " has no exact float32 (integers are exact"
                        + " up to 2^24), and keras4j computes in float32");
            }
        }
        return out;
    }

    /** The tensor as the runtime holds it. */
    public Tensor toTensor() {
        return Tensor.of(floats(), shape);
    }

    @Override
    public String toString() {
        return "tensor" + Shapes.toString(shape) + " of " + DataTypes.name(elemType)
                + (size() <= 8 ? " " + (floats != null ? Arrays.toString(floats) : Arrays.toString(longs)) : "");
    }
}
