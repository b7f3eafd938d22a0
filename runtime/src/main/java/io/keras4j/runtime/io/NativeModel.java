package io.keras4j.runtime.io;

import io.keras4j.runtime.Model;
import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.Tensor;
import io.keras4j.runtime.graph.Graph;
import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.graph.ValueInfo;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpRegistry;
import io.keras4j.runtime.ops.OpSpec;
import io.keras4j.runtime.ops.primitive.Cast;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The native model file ({@code .k4j}): a graph with its weights in the runtime's own layout, readable
 * with this jar alone.
 *
 * <pre>
 * offset 0   magic "K4JMODEL", int32 version, int32 flags, int64 header length, int64 data length,
 *            int32 CRC32C of header and data, zero padding to 64 bytes
 * offset 64  header: metadata, inputs (name, shape, whether axis 0 is the batch), outputs, nodes (name,
 *            inputs, outputs, op type, attributes, weights as shape and data offset), optional test vectors
 *            zero padding to a multiple of 64
 * data       little-endian float32 arrays, each starting at a multiple of 64 bytes, ready to map
 * </pre>
 *
 * All integers are little-endian. Every length and offset is checked against the file before use, and
 * the checksum before anything is built, so a damaged file fails with a message instead of giving
 * wrong numbers.
 *
 * <p>Version 2 added the batch-first flag of each input and long and long-array attributes; version 1 files,
 * whose inputs are all batch-first, are still read. Version 3 has the layout of version 2; it marks files whose op
 * attributes a version 2 reader would ignore and compute wrongly (Cast's integer width and sign,
 * LayerNormalization's form), so that such a reader refuses them. The Casts of version 1 and 2 files compute as
 * they did then ({@link Cast.Mode#TRUNCATE_V2}).
 *
 * <p>A graph attribute (the branches of If, the bodies of Loop and Scan) is written in the header as the graph is:
 * inputs, outputs, nodes, its weights in the data section. A reader older than graph attributes refuses such a file
 * (an attribute of an unknown tag); files without one read as before.
 */
public final class NativeModel {
    /** The current format version. */
    public static final int VERSION = 3;
    private static final int FIRST_VERSION = 1;
    private static final byte[] MAGIC = "K4JMODEL".getBytes(StandardCharsets.US_ASCII);
    private static final int PREAMBLE = 64;
    private static final int ALIGN = 64;
    private static final int TAG_INT = 1;
    private static final int TAG_DOUBLE = 2;
    private static final int TAG_BOOL = 3;
    private static final int TAG_STRING = 4;
    private static final int TAG_INTS = 5;
    private static final int TAG_LONG = 6;
    private static final int TAG_LONGS = 7;
    private static final int TAG_GRAPH = 8;
    /** Most levels of graphs within graph attributes a file may nest. */
    private static final int MAX_NESTING = 32;

    private NativeModel() {
    }

    /** Test vectors embedded in a model file: inputs and the outputs the model must reproduce. */
    public record TestVectors(List<Tensor> inputs, List<Tensor> outputs, double atol, double rtol) {
        public TestVectors {
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
        }

        /**
         * Whether {@code got} matches {@code want}: within {@code atol + rtol·|want|} of a finite {@code want}, or both
         * NaN, or the same infinity (an infinite {@code want} makes its own tolerance infinite, so it is matched exactly).
         */
        public static boolean matches(float got, float want, double atol, double rtol) {
            return got == want || Float.isNaN(got) && Float.isNaN(want)
                    || !Float.isInfinite(want) && Math.abs((double) got - want) <= atol + rtol * Math.abs(want);
        }
    }

    /** What a model file holds. */
    public record Contents(Graph graph, TestVectors vectors) {
    }

    /** Whether {@code head} starts with the native model file's magic. */
    public static boolean isNativeModel(byte[] head, int length) {
        if (length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (head[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** Writes {@code graph} (and, if not null, test vectors) to {@code file}. */
    public static void write(Graph graph, TestVectors vectors, Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            for (ByteBuffer b : encode(graph, vectors)) {
                writeFully(ch, b);
            }
        }
    }

    /** Writes {@code graph} (and, if not null, test vectors) to a stream, which stays open. */
    public static void write(Graph graph, TestVectors vectors, OutputStream out) throws IOException {
        for (ByteBuffer b : encode(graph, vectors)) {
            out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
        }
    }

    /** The file's preamble, padded header and data, in order. */
    private static ByteBuffer[] encode(Graph graph, TestVectors vectors) {
        Writer header = new Writer();
        List<float[]> arrays = new ArrayList<>();
        long[] dataAt = {0};
        header.map(graph.metadata());
        header.map(graph.layerOutputs());
        header.graph(graph, arrays, dataAt);
        header.bool(vectors != null);
        if (vectors != null) {
            header.tensors(vectors.inputs(), arrays, dataAt);
            header.tensors(vectors.outputs(), arrays, dataAt);
            header.real(vectors.atol());
            header.real(vectors.rtol());
        }
        byte[] head = header.bytes();
        long headerLength = align(head.length);
        long dataLength = dataAt[0];
        ByteBuffer data = ByteBuffer.allocate(Math.toIntExact(dataLength)).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] a : arrays) {
            data.position(align(data.position()));
            data.asFloatBuffer().put(a);
            data.position(data.position() + 4 * a.length);
        }
        byte[] headPadded = java.util.Arrays.copyOf(head, (int) headerLength);
        CRC32C crc = new CRC32C();
        crc.update(headPadded);
        crc.update(data.array());
        ByteBuffer pre = ByteBuffer.allocate(PREAMBLE).order(ByteOrder.LITTLE_ENDIAN);
        pre.put(MAGIC).putInt(VERSION).putInt(0).putLong(headerLength).putLong(dataLength).putInt((int) crc.getValue());
        return new ByteBuffer[] {pre.position(0), ByteBuffer.wrap(headPadded), data.position(0)};
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    private static int align(int n) {
        return (n + ALIGN - 1) / ALIGN * ALIGN;
    }

    private static long align(long n) {
        return (n + ALIGN - 1) / ALIGN * ALIGN;
    }

    /**
     * Reads a model file: checks its signature, version, sizes and checksum, then rebuilds the graph.
     *
     * @throws IOException naming the file and what is wrong with it
     */
    public static Contents read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                throw damaged(file.toString(), "is larger than 2 GiB, more than this version of the format holds");
            }
            return read(ch.map(FileChannel.MapMode.READ_ONLY, 0, size), file.toString());
        }
    }

    /**
     * Reads a model file held in memory, with the checks of {@link #read(Path)}; {@code name} is used in messages.
     *
     * @throws IOException naming {@code name} and what is wrong with the content
     */
    public static Contents read(byte[] content, String name) throws IOException {
        return read(ByteBuffer.wrap(content), name);
    }

    private static Contents read(ByteBuffer map, String file) throws IOException {
        long size = map.capacity();
        if (size < PREAMBLE) {
            throw damaged(file, "shorter than the " + PREAMBLE + "-byte preamble");
        }
        map.order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[MAGIC.length];
        map.get(0, magic);
        if (!isNativeModel(magic, magic.length)) {
            throw damaged(file, "not a keras4j model file (no K4JMODEL signature)");
        }
        int version = map.getInt(8);
        if (version < FIRST_VERSION || version > VERSION) {
            throw damaged(file, "format version " + version + " is not supported (this keras4j reads versions "
                    + FIRST_VERSION + " to " + VERSION + ")");
        }
        long headerLength = map.getLong(16);
        long dataLength = map.getLong(24);
        int expectedCrc = map.getInt(32);
        if (headerLength < 0 || dataLength < 0 || headerLength > size || dataLength > size
                || PREAMBLE + headerLength + dataLength != size) {
            throw damaged(file, "declares a header of " + headerLength + " and data of " + dataLength
                    + " bytes but the file has " + size + " (truncated or damaged)");
        }
        CRC32C crc = new CRC32C();
        crc.update(map.slice(PREAMBLE, (int) (size - PREAMBLE)));
        if ((int) crc.getValue() != expectedCrc) {
            throw damaged(file, "checksum mismatch: the file is damaged");
        }
        ByteBuffer header = map.slice(PREAMBLE, (int) headerLength).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer data = map.slice((int) (PREAMBLE + headerLength), (int) dataLength).order(ByteOrder.LITTLE_ENDIAN);
        try {
            return parse(new Reader(header, data), version);
        } catch (IllegalArgumentException | java.nio.BufferUnderflowException | IndexOutOfBoundsException e) {
            throw damaged(file, e.getMessage() == null ? "malformed header" : e.getMessage());
        }
    }

    /** Reads a model file and prepares it to run; with {@code check}, also runs its test vectors. */
    public static Model load(Path file, boolean check) throws IOException {
        Contents c = read(file);
        Model model = Model.of(c.graph());
        if (check) {
            if (c.vectors() == null) {
                throw new IOException(file + ": holds no test vectors to check");
            }
            String failure = check(model, c.vectors());
            if (failure != null) {
                throw new IOException(file + ": the model does not reproduce its embedded test vectors: " + failure);
            }
        }
        return model;
    }

    /** Runs the test vectors; returns null when every output is within tolerance, else what differs. */
    public static String check(Model model, TestVectors v) {
        Tensor[] got = model.predictAll(v.inputs().toArray(new Tensor[0]));
        if (got.length != v.outputs().size()) {
            return "the model gives " + got.length + " outputs, the vectors hold " + v.outputs().size();
        }
        for (int i = 0; i < got.length; i++) {
            Tensor want = v.outputs().get(i);
            if (!java.util.Arrays.equals(got[i].shape(), want.shape())) {
                return "output " + i + " has shape " + Shapes.toString(got[i].shape()) + ", expected " + Shapes.toString(want.shape());
            }
            float[] g = got[i].toArray();
            float[] w = want.toArray();
            for (int k = 0; k < g.length; k++) {
                if (!TestVectors.matches(g[k], w[k], v.atol(), v.rtol())) {
                    return "output " + i + " value " + k + " is " + g[k] + ", expected " + w[k];
                }
            }
        }
        return null;
    }

    private static IOException damaged(String file, String what) {
        return new IOException(file + ": " + what);
    }

    private static Contents parse(Reader r, int version) {
        Map<String, String> metadata = r.map();
        Map<String, String> layerOutputs = r.map();
        Graph graph = graph(r, version, metadata, layerOutputs);
        TestVectors vectors = null;
        if (r.bool()) {
            List<Tensor> vIn = r.tensors();
            List<Tensor> vOut = r.tensors();
            vectors = new TestVectors(vIn, vOut, r.real(), r.real());
        }
        return new Contents(graph, vectors);
    }

    /** A graph's inputs, outputs and nodes, as {@link Writer#graph} writes them. */
    private static Graph graph(Reader r, int version, Map<String, String> metadata, Map<String, String> layerOutputs) {
        int inputs = r.count();
        List<ValueInfo> ins = new ArrayList<>();
        for (int i = 0; i < inputs; i++) {
            ins.add(new ValueInfo(r.string(), r.ints(), version == FIRST_VERSION || r.bool()));
        }
        List<String> outs = r.strings();
        int nodeCount = r.count();
        List<Node> nodes = new ArrayList<>();
        for (int n = 0; n < nodeCount; n++) {
            String name = r.string();
            List<String> nodeIns = r.strings();
            List<String> nodeOuts = r.strings();
            OpSpec.Builder spec = OpSpec.builder(r.string());
            int attrs = r.count();
            for (int a = 0; a < attrs; a++) {
                r.attribute(spec, r.string(), version);
            }
            int weights = r.count();
            for (int w = 0; w < weights; w++) {
                String wName = r.string();
                int[] shape = r.ints();
                spec.weight(wName, r.array(shape), shape);
            }
            Op op;
            try {
                op = OpRegistry.create(version < 3 ? asVersion3(spec.build()) : spec.build());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("node '" + name + "': " + e.getMessage(), e);
            }
            nodes.add(new Node(name, op, nodeIns, nodeOuts));
        }
        return new Graph(ins, nodes, outs, metadata, layerOutputs);
    }

    /** A spec of a version 1 or 2 file as version 3 writes it: a Cast these wrote as TRUNCATE computes as it did then. */
    private static OpSpec asVersion3(OpSpec s) {
        if (!s.type().equals("Cast") || !Cast.Mode.TRUNCATE.name().equals(s.attributes().get("mode"))) {
            return s;
        }
        Map<String, Object> attrs = new LinkedHashMap<>(s.attributes());
        attrs.put("mode", Cast.Mode.TRUNCATE_V2.name());
        return new OpSpec(s.type(), attrs, s.weights());
    }

    /** Appends header fields, little-endian. */
    private static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

        void integer(int v) {
            scratch.clear();
            out.write(scratch.putInt(v).array(), 0, 4);
        }

        void longInt(long v) {
            scratch.clear();
            out.write(scratch.putLong(v).array(), 0, 8);
        }

        void real(double v) {
            longInt(Double.doubleToLongBits(v));
        }

        void bool(boolean v) {
            out.write(v ? 1 : 0);
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            integer(b.length);
            out.write(b, 0, b.length);
        }

        void strings(List<String> list) {
            integer(list.size());
            list.forEach(this::string);
        }

        void ints(int[] v) {
            integer(v.length);
            for (int x : v) {
                integer(x);
            }
        }

        void map(Map<String, String> m) {
            integer(m.size());
            m.forEach((k, v) -> {
                string(k);
                string(v);
            });
        }

        /** A graph's inputs, outputs and nodes; its weights go to {@code arrays}. */
        void graph(Graph graph, List<float[]> arrays, long[] dataAt) {
            integer(graph.inputs().size());
            for (ValueInfo in : graph.inputs()) {
                string(in.name());
                ints(in.shape());
                bool(in.batchFirst());
            }
            integer(graph.outputs().size());
            for (ValueInfo out : graph.outputs()) {
                string(out.name());
            }
            integer(graph.nodes().size());
            for (Node node : graph.nodes()) {
                OpSpec spec = node.op().spec();
                string(node.name());
                strings(node.inputs());
                strings(node.outputs());
                string(spec.type());
                integer(spec.attributes().size());
                for (Map.Entry<String, Object> a : spec.attributes().entrySet()) {
                    string(a.getKey());
                    attribute(a.getValue(), arrays, dataAt);
                }
                integer(spec.weights().size());
                for (Map.Entry<String, OpSpec.WeightArray> w : spec.weights().entrySet()) {
                    string(w.getKey());
                    ints(w.getValue().shape());
                    array(w.getValue().values(), arrays, dataAt);
                }
            }
        }

        void attribute(Object v, List<float[]> arrays, long[] dataAt) {
            if (v instanceof Graph g) {
                out.write(TAG_GRAPH);
                graph(g, arrays, dataAt);
            } else if (v instanceof Integer i) {
                out.write(TAG_INT);
                integer(i);
            } else if (v instanceof Double d) {
                out.write(TAG_DOUBLE);
                real(d);
            } else if (v instanceof Boolean b) {
                out.write(TAG_BOOL);
                bool(b);
            } else if (v instanceof String s) {
                out.write(TAG_STRING);
                string(s);
            } else if (v instanceof int[] a) {
                out.write(TAG_INTS);
                ints(a);
            } else if (v instanceof Long l) {
                out.write(TAG_LONG);
                longInt(l);
            } else if (v instanceof long[] a) {
                out.write(TAG_LONGS);
                integer(a.length);
                for (long x : a) {
                    longInt(x);
                }
            } else {
                throw new IllegalArgumentException("attribute value of type " + v.getClass().getSimpleName() + " cannot be written");
            }
        }

        /** Records where {@code a} will lie in the data section (aligned) and its length. */
        void array(float[] a, List<float[]> arrays, long[] dataAt) {
            long at = align(dataAt[0]);
            longInt(at);
            integer(a.length);
            arrays.add(a);
            dataAt[0] = at + 4L * a.length;
        }

        void tensors(List<Tensor> list, List<float[]> arrays, long[] dataAt) {
            integer(list.size());
            for (Tensor t : list) {
                ints(t.shape());
                array(t.toArray(), arrays, dataAt);
            }
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** Reads header fields, checking every length against what is left. */
    private static final class Reader {
        private static final int MAX_STRING = 1 << 20;
        private final ByteBuffer header;
        private final ByteBuffer data;
        private int depth;

        Reader(ByteBuffer header, ByteBuffer data) {
            this.header = header;
            this.data = data;
        }

        int count() {
            int n = header.getInt();
            if (n < 0 || n > header.remaining()) {
                throw new IllegalArgumentException("malformed header: a count of " + n + " at byte " + (header.position() - 4));
            }
            return n;
        }

        double real() {
            return Double.longBitsToDouble(header.getLong());
        }

        boolean bool() {
            return header.get() != 0;
        }

        String string() {
            int n = header.getInt();
            if (n < 0 || n > MAX_STRING || n > header.remaining()) {
                throw new IllegalArgumentException("malformed header: a string of " + n + " bytes at byte " + (header.position() - 4));
            }
            byte[] b = new byte[n];
            header.get(b);
            return new String(b, StandardCharsets.UTF_8);
        }

        List<String> strings() {
            int n = count();
            List<String> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(string());
            }
            return list;
        }

        int[] ints() {
            int n = count();
            int[] v = new int[n];
            for (int i = 0; i < n; i++) {
                v[i] = header.getInt();
            }
            return v;
        }

        long[] longs() {
            int n = count();
            long[] v = new long[n];
            for (int i = 0; i < n; i++) {
                v[i] = header.getLong();
            }
            return v;
        }

        Map<String, String> map() {
            int n = count();
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                m.put(string(), string());
            }
            return m;
        }

        void attribute(OpSpec.Builder spec, String name, int version) {
            int tag = header.get();
            switch (tag) {
                case TAG_GRAPH -> spec.attr(name, nested(version));
                case TAG_INT -> spec.attr(name, header.getInt());
                case TAG_DOUBLE -> spec.attr(name, real());
                case TAG_BOOL -> spec.attr(name, bool());
                case TAG_STRING -> spec.attr(name, string());
                case TAG_INTS -> spec.attr(name, ints());
                case TAG_LONG -> spec.attr(name, header.getLong());
                case TAG_LONGS -> spec.attr(name, longs());
                default -> throw new IllegalArgumentException("malformed header: attribute '" + name + "' has unknown tag " + tag);
            }
        }

        /** A graph attribute's graph, nested at most {@link #MAX_NESTING} deep. */
        private Graph nested(int version) {
            if (++depth > MAX_NESTING) {
                throw new IllegalArgumentException("malformed header: graph attributes nested more than " + MAX_NESTING + " deep");
            }
            Graph g = graph(this, version, Map.of(), Map.of());
            depth--;
            return g;
        }

        /** The float array a header entry points at; its length must match {@code shape}. */
        float[] array(int[] shape) {
            long at = header.getLong();
            int length = header.getInt();
            long expected = Shapes.checkedSize(shape);
            if (length != expected || at < 0 || at % ALIGN != 0 || at + 4L * length > data.capacity()) {
                throw new IllegalArgumentException("malformed header: an array of " + length + " values at data offset " + at
                        + " for shape " + Shapes.toString(shape) + " does not fit the " + data.capacity() + "-byte data section");
            }
            float[] v = new float[length];
            data.slice((int) at, 4 * length).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
            return v;
        }

        List<Tensor> tensors() {
            int n = count();
            List<Tensor> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int[] shape = ints();
                list.add(Tensor.of(array(shape), shape));
            }
            return list;
        }
    }
}
