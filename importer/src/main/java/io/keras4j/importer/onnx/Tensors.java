package io.keras4j.importer.onnx;

import io.keras4j.importer.Heap;
import io.keras4j.importer.onnx.proto.Onnx.StringStringEntryProto;
import io.keras4j.importer.onnx.proto.Onnx.TensorProto;
import io.keras4j.importer.onnx.proto.Onnx.TensorProto.DataType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Decodes ONNX TensorProtos: values in {@code raw_data} (little-endian), in the typed fields, or in an
 * external file next to the model ({@code location}, {@code offset}, {@code length}), which must stay inside
 * the model's folder and fit the file.
 */
final class Tensors {
    /** Largest Java array, in elements or bytes. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private Tensors() {
    }

    /**
     * @param folder the model's folder, for external data; null when the model has none (read from memory)
     * @throws IllegalArgumentException naming the tensor and what is wrong
     */
    static OnnxTensor decode(TensorProto t, Path folder) throws IOException {
        String what = "tensor '" + t.getName() + "'";
        int[] shape = new int[t.getDimsCount()];
        long count = 1;
        for (int d = 0; d < shape.length; d++) {
            long v = t.getDims(d);
            if (v < 0) {
                throw new IllegalArgumentException(what + " declares dimensions " + t.getDimsList() + ", one negative");
            }
            count *= Math.min(v, MAX_ARRAY + 1);
            shape[d] = (int) Math.min(v, MAX_ARRAY);
            if (v > MAX_ARRAY || count > MAX_ARRAY) {
                throw new IllegalArgumentException(what + " declares " + t.getDimsList() + ", more than 2^31 values");
            }
        }
        int n = (int) count;
        DataType type = DataType.forNumber(t.getDataType());
        if (type == null || type == DataType.UNDEFINED || type == DataType.STRING || type == DataType.COMPLEX64
                || type == DataType.COMPLEX128) {
            throw new IllegalArgumentException(what + " has element type " + DataTypes.name(t.getDataType())
                    + ", which keras4j does not read (float, double, float16, bfloat16, integer and bool types)");
        }
        long bytes = (long) n * byteSize(type);
        if (bytes > MAX_ARRAY) {
            throw new IllegalArgumentException(what + " of shape " + t.getDimsList() + " and type " + DataTypes.name(t.getDataType())
                    + " takes " + bytes + " bytes, more than keras4j reads for one tensor (2 GiB)");
        }
        long heap = (long) n * (DataTypes.isInteger(type.getNumber()) ? Long.BYTES : Float.BYTES);
        if (heap > Heap.budget()) {
            throw new IllegalArgumentException(what + " of shape " + t.getDimsList() + " holds " + n + " values, which need "
                    + (heap >> 20) + " MiB of heap, more than " + Heap.describeBudget());
        }
        if (t.hasSegment()) {
            throw new IllegalArgumentException(what + " is a segment of a larger tensor, which keras4j does not read");
        }
        ByteBuffer raw = null;
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            raw = external(t, folder, bytes, what);
        } else if (t.hasRawData()) {
            if (t.getRawData().size() != bytes) {
                throw new IllegalArgumentException(what + " of shape " + t.getDimsList() + " and type " + DataTypes.name(t.getDataType())
                        + " needs " + bytes + " bytes of raw_data but has " + t.getRawData().size());
            }
            raw = t.getRawData().asReadOnlyByteBuffer();
        }
        if (raw != null) {
            raw.order(ByteOrder.LITTLE_ENDIAN);
            return fromRaw(type, shape, n, raw);
        }
        return fromTyped(t, type, shape, n, what);
    }

    private static int byteSize(DataType type) {
        switch (type) {
            case DOUBLE:
            case INT64:
            case UINT64:
                return 8;
            case FLOAT:
            case INT32:
            case UINT32:
                return 4;
            case FLOAT16:
            case BFLOAT16:
            case INT16:
            case UINT16:
                return 2;
            default:
                return 1;
        }
    }

    private static OnnxTensor fromRaw(DataType type, int[] shape, int n, ByteBuffer b) {
        int code = type.getNumber();
        if (DataTypes.isInteger(code)) {
            long[] v = new long[n];
            for (int i = 0; i < n; i++) {
                switch (type) {
                    case INT64:
                    case UINT64:
                        v[i] = b.getLong();
                        break;
                    case INT32:
                        v[i] = b.getInt();
                        break;
                    case UINT32:
                        v[i] = Integer.toUnsignedLong(b.getInt());
                        break;
                    case INT16:
                        v[i] = b.getShort();
                        break;
                    case UINT16:
                        v[i] = Short.toUnsignedInt(b.getShort());
                        break;
                    case INT8:
                        v[i] = b.get();
                        break;
                    default:
                        v[i] = Byte.toUnsignedInt(b.get());
                }
            }
            return OnnxTensor.ofLongs(code, shape, v);
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            switch (type) {
                case FLOAT:
                    v[i] = b.getFloat();
                    break;
                case DOUBLE:
                    v[i] = (float) b.getDouble();
                    break;
                case FLOAT16:
                    v[i] = halfToFloat(b.getShort());
                    break;
                default:
                    v[i] = Float.intBitsToFloat((b.getShort() & 0xffff) << 16);
            }
        }
        return OnnxTensor.ofFloats(code, shape, v);
    }

    private static OnnxTensor fromTyped(TensorProto t, DataType type, int[] shape, int n, String what) {
        int code = type.getNumber();
        int given;
        switch (type) {
            case FLOAT:
                given = t.getFloatDataCount();
                break;
            case DOUBLE:
                given = t.getDoubleDataCount();
                break;
            case INT64:
                given = t.getInt64DataCount();
                break;
            case UINT32:
            case UINT64:
                given = t.getUint64DataCount();
                break;
            default:
                given = t.getInt32DataCount();
        }
        if (given != n) {
            throw new IllegalArgumentException(what + " of shape " + t.getDimsList() + " needs " + n + " values but holds " + given);
        }
        if (DataTypes.isInteger(code)) {
            long[] v = new long[n];
            for (int i = 0; i < n; i++) {
                v[i] = type == DataType.INT64 ? t.getInt64Data(i)
                        : type == DataType.UINT32 || type == DataType.UINT64 ? t.getUint64Data(i) : t.getInt32Data(i);
            }
            return OnnxTensor.ofLongs(code, shape, v);
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            switch (type) {
                case FLOAT:
                    v[i] = t.getFloatData(i);
                    break;
                case DOUBLE:
                    v[i] = (float) t.getDoubleData(i);
                    break;
                case FLOAT16:
                    v[i] = halfToFloat((short) t.getInt32Data(i));
                    break;
                default:
                    v[i] = Float.intBitsToFloat((t.getInt32Data(i) & 0xffff) << 16);
            }
        }
        return OnnxTensor.ofFloats(code, shape, v);
    }

    private static ByteBuffer external(TensorProto t, Path folder, long expected, String what) throws IOException {
        String location = null;
        long offset = 0;
        long length = -1;
        for (StringStringEntryProto e : t.getExternalDataList()) {
            switch (e.getKey()) {
                case "location":
                    location = e.getValue();
                    break;
                case "offset":
                    offset = number(e.getValue(), "offset", what);
                    break;
                case "length":
                    length = number(e.getValue(), "length", what);
                    break;
                case "checksum":
                    break;
                default:
                    throw new IllegalArgumentException(what + " has external_data key '" + e.getKey()
                            + "', which keras4j does not know (location, offset, length, checksum)");
            }
        }
        if (location == null || location.isEmpty()) {
            throw new IllegalArgumentException(what + " is stored externally but names no location");
        }
        if (folder == null) {
            throw new IllegalArgumentException(what + " is stored in the external file '" + location
                    + "', which cannot be found for a model read from memory; load the model from its file");
        }
        Path base = folder.toRealPath();
        Path file;
        try {
            file = base.resolve(location).normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(what + " names the external file '" + location + "', which is not a valid path");
        }
        if (Path.of(location).isAbsolute() || !file.startsWith(base) || !Files.isRegularFile(file)
                || !file.toRealPath().startsWith(base)) {
            throw new IllegalArgumentException(what + " names the external file '" + location
                    + "', which is not a file inside the model's folder " + base);
        }
        long size = Files.size(file);
        if (length < 0) {
            length = size - offset;
        }
        if (length != expected) {
            throw new IllegalArgumentException(what + " needs " + expected + " bytes but its external data '" + location
                    + "' gives length " + length);
        }
        if (offset > size || length > size - offset) {
            throw new IllegalArgumentException(what + " reads bytes [" + offset + ", " + (offset + length) + ") of '" + location
                    + "', which has only " + size + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) length);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (buffer.hasRemaining()) {
                if (ch.read(buffer, offset + buffer.position()) < 0) {
                    throw new IOException(file + ": ended early while reading " + what);
                }
            }
        }
        buffer.flip();
        return buffer;
    }

    private static long number(String v, String key, String what) {
        try {
            long n = Long.parseLong(v.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " has external_data " + key + " '" + v + "', not a non-negative integer");
        }
    }

    /** IEEE 754 half precision to float. */
    private static float halfToFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h >>> 15) << 31;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

}
