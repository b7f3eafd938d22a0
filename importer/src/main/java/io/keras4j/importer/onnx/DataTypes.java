package io.keras4j.importer.onnx;

import io.keras4j.importer.onnx.proto.Onnx.TensorProto.DataType;

/** ONNX element types: names for messages, and which ones keras4j holds as integers. */
final class DataTypes {
    static final int FLOAT = DataType.FLOAT_VALUE;
    static final int INT64 = DataType.INT64_VALUE;
    static final int INT32 = DataType.INT32_VALUE;
    static final int INT8 = DataType.INT8_VALUE;
    static final int UINT8 = DataType.UINT8_VALUE;
    static final int BOOL = DataType.BOOL_VALUE;

    private DataTypes() {
    }

    static String name(int type) {
        DataType t = DataType.forNumber(type);
        return t == null ? "type " + type : t.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Integer and bool types, whose values keras4j keeps exact as longs while importing. */
    static boolean isInteger(int type) {
        switch (DataType.forNumber(type) == null ? DataType.UNDEFINED : DataType.forNumber(type)) {
            case INT8:
            case INT16:
            case INT32:
            case INT64:
            case UINT8:
            case UINT16:
            case UINT32:
            case UINT64:
            case BOOL:
                return true;
            default:
                return false;
        }
    }

    /** Bits of an integer type other than bool. */
    static int bits(int type) {
        return switch (DataType.forNumber(type)) {
            case INT8, UINT8 -> 8;
            case INT16, UINT16 -> 16;
            case INT32, UINT32 -> 32;
            case INT64, UINT64 -> 64;
            default -> throw new IllegalArgumentException("not an integer type: " + name(type));
        };
    }

    static boolean isSigned(int type) {
        return type == DataType.INT8_VALUE || type == DataType.INT16_VALUE || type == DataType.INT32_VALUE
                || type == DataType.INT64_VALUE;
    }

    /** Float types the runtime computes in (as float32). */
    static boolean isFloat(int type) {
        return type == FLOAT || type == DataType.DOUBLE_VALUE || type == DataType.FLOAT16_VALUE || type == DataType.BFLOAT16_VALUE;
    }
}
