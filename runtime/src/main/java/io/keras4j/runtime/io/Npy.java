package io.keras4j.runtime.io;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes NumPy {@code .npy} files. Reading accepts float32, float64, signed and unsigned integers of 8, 16, 32
 * and 64 bits and bool in C order (either byte order) and converts to float32; writing produces little-endian float32.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /**
     * Reads a {@code .npy} file into a float32 tensor.
     *
     * @throws IOException naming the file when it is not a supported {@code .npy} array
     */
    public static Tensor read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a directory, not a .npy file");
        }
        byte[] bytes = Files.readAllBytes(file);
        try {
            return parse(bytes);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses the bytes of a {@code .npy} file.
     *
     * @throws IllegalArgumentException when they are not a supported {@code .npy} array
     */
    public static Tensor parse(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10) {
            throw new IllegalArgumentException("not a .npy file (too short)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw new IllegalArgumentException("not a .npy file (no \\x93NUMPY signature)");
            }
        }
        int major = bytes[6];
        long headerLen;
        int start;
        if (major == 1) {
            headerLen = buf.getShort(8) & 0xffff;
            start = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new IllegalArgumentException("truncated .npy header");
            }
            headerLen = buf.getInt(8) & 0xffffffffL;
            start = 12;
        } else {
            throw new IllegalArgumentException("unsupported .npy version " + major);
        }
        if (start + headerLen > bytes.length) {
            throw new IllegalArgumentException("truncated .npy header");
        }
        String header = new String(bytes, start, (int) headerLen, StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, "descr");
        if (group(FORTRAN, header, "fortran_order").equals("True")) {
            throw new IllegalArgumentException("Fortran-ordered arrays are not supported; save with numpy.ascontiguousarray");
        }
        int[] shape = parseShape(group(SHAPE, header, "shape"));
        int count = Shapes.checkedSize(shape);
        if (descr.length() < 3) {
            throw new IllegalArgumentException("unsupported dtype '" + descr + "'");
        }
        char order = descr.charAt(0);
        String type = descr.substring(1);
        int itemSize = itemSize(type);
        if (itemSize == 0) {
            throw new IllegalArgumentException("unsupported dtype '" + descr + "'; use float32, float64, a signed or unsigned"
                    + " integer of 8 to 64 bits, or bool");
        }
        if (order == '>') {
            buf.order(ByteOrder.BIG_ENDIAN);
        } else if (order != '<' && order != '=' && order != '|') {
            throw new IllegalArgumentException("unsupported byte order in dtype '" + descr + "'");
        }
        long dataStart = start + headerLen;
        if (dataStart + (long) count * itemSize > bytes.length) {
            throw new IllegalArgumentException("truncated: shape " + Shapes.toString(shape) + " of " + descr + " needs "
                    + (long) count * itemSize + " bytes of data but the file has " + (bytes.length - dataStart));
        }
        float[] data = new float[count];
        int at = (int) dataStart;
        for (int i = 0; i < count; i++, at += itemSize) {
            data[i] = value(buf, at, type);
        }
        return Tensor.of(data, shape);
    }

    /** Bytes per value of a dtype without its byte order ({@code f4}, {@code u1}, ...); 0 for one not read. */
    private static int itemSize(String type) {
        return switch (type) {
            case "b1", "i1", "u1" -> 1;
            case "i2", "u2" -> 2;
            case "f4", "i4", "u4" -> 4;
            case "f8", "i8", "u8" -> 8;
            default -> 0;
        };
    }

    /** The value of dtype {@code type} at byte {@code at}, as float32 (integers beyond 2^24 rounded to the nearest). */
    private static float value(ByteBuffer buf, int at, String type) {
        return switch (type) {
            case "f4" -> buf.getFloat(at);
            case "f8" -> (float) buf.getDouble(at);
            case "b1" -> buf.get(at) != 0 ? 1f : 0f;
            case "i1" -> buf.get(at);
            case "u1" -> buf.get(at) & 0xff;
            case "i2" -> buf.getShort(at);
            case "u2" -> buf.getShort(at) & 0xffff;
            case "i4" -> buf.getInt(at);
            case "u4" -> buf.getInt(at) & 0xffffffffL;
            case "i8" -> buf.getLong(at);
            default -> unsignedLong(buf.getLong(at));
        };
    }

    /** A uint64's bits as float32: the unsigned value, rounded. */
    private static float unsignedLong(long bits) {
        return bits >= 0 ? bits : (float) (bits >>> 1 | bits & 1) * 2f;
    }

    private static String group(Pattern p, String header, String key) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new IllegalArgumentException("malformed .npy header: no '" + key + "'");
        }
        return m.group(1);
    }

    private static int[] parseShape(String s) {
        List<Integer> dims = new ArrayList<>();
        for (String part : s.split(",")) {
            String p = part.trim();
            if (!p.isEmpty()) {
                try {
                    dims.add(Integer.parseInt(p));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("malformed .npy shape (" + s + ")");
                }
            }
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Writes {@code tensor} as a little-endian float32 {@code .npy} file. */
    public static void write(Path file, Tensor tensor) throws IOException {
        StringBuilder shape = new StringBuilder();
        for (int d : tensor.shape()) {
            shape.append(d).append(", ");
        }
        if (tensor.rank() > 1) {
            shape.setLength(shape.length() - 2);
        } else if (tensor.rank() == 1) {
            shape.setLength(shape.length() - 1);
        }
        StringBuilder header = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': (" + shape + "), }");
        int total = 10 + header.length() + 1;
        while (total % 64 != 0) {
            header.append(' ');
            total++;
        }
        header.append('\n');
        ByteBuffer out = ByteBuffer.allocate(10 + header.length() + 4 * tensor.size()).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        out.put(header.toString().getBytes(StandardCharsets.ISO_8859_1));
        for (float v : tensor.toArray()) {
            out.putFloat(v);
        }
        Files.write(file, out.array());
    }
}
