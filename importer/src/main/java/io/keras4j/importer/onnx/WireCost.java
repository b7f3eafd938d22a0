package io.keras4j.importer.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.WireFormat;
import java.io.IOException;

/**
 * Estimates, from the wire bytes alone and without building anything, how much heap protobuf needs to parse a
 * message: a few bytes can stand for a whole object (an empty node is 2 bytes on the wire, about 70 on the heap),
 * so a small hostile file could otherwise exhaust memory while it is parsed. The estimate errs high. Damage in the
 * bytes ends the scan early; the parser reports it.
 */
final class WireCost {
    /** Heap of one parsed message, or one unknown field (held in an UnknownFieldSet), in bytes. */
    private static final long OBJECT = 128;
    /** Heap of one string or bytes value besides its content. */
    private static final long VALUE = 56;
    /** Heap of one scalar, in a repeated field's list as it grows. */
    private static final long SCALAR = 24;
    /** Deepest nesting followed; protobuf's own limit (100) refuses deeper messages. */
    private static final int MAX_DEPTH = 100;

    private WireCost() {
    }

    /** The estimated heap, in bytes, that parsing {@code bytes} as a {@code type} message takes. */
    static long of(byte[] bytes, Descriptor type) {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        long[] cost = {0};
        try {
            scan(in, type, 0, cost);
        } catch (IOException | RuntimeException e) {
            // damaged bytes: what was counted stands, and the parser reports the damage
        }
        return cost[0];
    }

    /** Adds the cost of the fields up to the end of the current limit or group; type null for unknown fields. */
    private static void scan(CodedInputStream in, Descriptor type, int depth, long[] cost) throws IOException {
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            int wire = WireFormat.getTagWireType(tag);
            FieldDescriptor f = type == null ? null : type.findFieldByNumber(WireFormat.getTagFieldNumber(tag));
            if (wire == WireFormat.WIRETYPE_END_GROUP) {
                return;
            }
            if (wire == WireFormat.WIRETYPE_START_GROUP) {
                if (depth >= MAX_DEPTH) {
                    throw new IOException("nested too deep");
                }
                cost[0] += OBJECT;
                scan(in, null, depth + 1, cost);
                continue;
            }
            if (wire != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                cost[0] += f == null ? OBJECT : SCALAR;
                in.skipField(tag);
                continue;
            }
            int length = in.readRawVarint32();
            if (length < 0 || length > in.getBytesUntilLimit() && in.getBytesUntilLimit() >= 0) {
                return;
            }
            if (f != null && f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && depth < MAX_DEPTH) {
                cost[0] += OBJECT;
                int limit = in.pushLimit(length);
                scan(in, f.getMessageType(), depth + 1, cost);
                in.popLimit(limit);
            } else {
                // a string, bytes or unknown field (content copied), or packed scalars (up to 8 heap bytes per wire byte)
                boolean packed = f != null && f.isRepeated() && f.getJavaType() != FieldDescriptor.JavaType.STRING
                        && f.getJavaType() != FieldDescriptor.JavaType.BYTE_STRING;
                cost[0] += (packed ? 8L * length : length) + (f == null ? OBJECT : VALUE);
                in.skipRawBytes(length);
            }
        }
    }
}
