package io.keras4j.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keras4j.runtime.io.NativeModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Writes the hostile and malformed model files of {@code testdata/hostile} from two small golden cases:
 * {@code java -cp ... io.keras4j.importer.HostileFixtures testdata/hostile}. The files whose damage depends on the
 * exact bytes of a case (native crashes and hangs found by fuzzing) are kept as they were found and not rewritten.
 */
public final class HostileFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String BASE_H5 = "lstm_u1_f1_t5_b3_last_h5";
    static final String BASE_KERAS = "lstm_u2_f3_t5_b2_seq_func_keras";
    private static final String OTHER_KERAS = "masking_value_gru_prepad_seq_keras";

    private HostileFixtures() {
    }

    public static void main(String[] args) throws IOException {
        write(Path.of(args[0]), all());
    }

    /** Writes {@code files}, by name, into {@code dir}. */
    static void write(Path dir, Map<String, byte[]> files) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Files.write(dir.resolve(f.getKey()), f.getValue());
        }
    }

    /** Every generated hostile file by name. */
    static Map<String, byte[]> all() throws IOException {
        byte[] h5 = Files.readAllBytes(TestData.caseDir(BASE_H5).resolve("model.h5"));
        byte[] keras = Files.readAllBytes(TestData.caseDir(BASE_KERAS).resolve("model.keras"));
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("empty.h5", new byte[0]);
        files.put("empty.keras", new byte[0]);
        files.put("empty.k4j", new byte[0]);
        files.put("text.h5", "this is not a model\n".getBytes(StandardCharsets.UTF_8));
        byte[] random = new byte[4096];
        new Random(1).nextBytes(random);
        files.put("random.keras", random);
        files.put("truncated.h5", Arrays.copyOf(h5, h5.length / 3));
        files.put("truncated.keras", Arrays.copyOf(keras, keras.length / 2));
        byte[] garbage = random.clone();
        System.arraycopy(h5, 0, garbage, 0, 8);
        files.put("signature-then-garbage.h5", garbage);
        addConfigs(files, "h5", json -> h5WithConfig(h5, json), h5Config(h5));
        addConfigs(files, "keras", json -> archiveWith(keras, "config.json", json), entry(keras, "config.json"));
        // Keras 3 finds weights by position, not layer name: give the LSTM model the weights of a model without one.
        files.put("config-missing-weights.keras", archiveWith(keras, "model.weights.h5", entry(Files.readAllBytes(
                TestData.caseDir(OTHER_KERAS).resolve("model.keras")), "model.weights.h5")));
        files.put("zip-slip-dotdot.keras", archiveWith(keras, "../../escaped-by-keras4j.txt", "owned".getBytes()));
        files.put("zip-slip-absolute.keras", archiveWith(keras, "/tmp/escaped-by-keras4j.txt", "owned".getBytes()));
        files.put("zip-duplicate-config.keras", renamed(archiveWith(keras, "config.jso_", "{}".getBytes()),
                "config.jso_", "config.json".getBytes(StandardCharsets.US_ASCII)));
        files.put("zip-entry-name-not-utf8.keras", renamed(archiveWith(keras, "assets/name-\u00e9", new byte[1]),
                "name-\u00e9", new byte[] {'n', 'a', 'm', 'e', '-', (byte) 0xff, (byte) 0xfe}));
        files.put("zip-bomb-weights.keras", archiveWith(keras, "model.weights.h5", new byte[64 << 20]));
        byte[] spaces = new byte[80 << 20];
        Arrays.fill(spaces, (byte) ' ');
        files.put("zip-bomb-config.keras", archiveWith(keras, "config.json", spaces));
        files.put("zip-without-weights.keras", archiveWith(keras, "model.weights.h5", null));
        byte[] k4j = k4j(h5);
        files.put("truncated.k4j", Arrays.copyOf(k4j, k4j.length - 100));
        byte[] flipped = k4j.clone();
        flipped[flipped.length / 2] ^= 4;
        files.put("bit-flipped.k4j", flipped);
        files.put("huge-count-valid-checksum.k4j", resealed(k4j, 64, Integer.MAX_VALUE));
        files.put("negative-count-valid-checksum.k4j", resealed(k4j, 64, -7));
        files.put("header-length-lies.k4j", patchLong(k4j, 16, Long.MAX_VALUE));
        OnnxHostileFixtures.addTo(files);
        return files;
    }

    /** Files whose model config is damaged or hostile, in one format. */
    private static void addConfigs(Map<String, byte[]> files, String ext, Maker maker, byte[] config) throws IOException {
        files.put("config-not-json." + ext, maker.make("{\"class_name\": \"Sequential\", \"config\": {\"layers\": [".getBytes()));
        files.put("config-deeply-nested." + ext, maker.make(("{\"a\":" + "[".repeat(600) + "]".repeat(600) + "}").getBytes()));
        files.put("config-units-2147483647." + ext, maker.make(edit(config, "LSTM", l -> l.put("units", Integer.MAX_VALUE))));
        files.put("config-units-negative." + ext, maker.make(edit(config, "LSTM", l -> l.put("units", -4))));
        files.put("config-weights-disagree." + ext, maker.make(edit(config, "LSTM", l -> l.put("units", 3))));
        files.put("config-unknown-layer." + ext, maker.make(renameClass(config, "LSTM", "MysteryLayer")));
        files.put("config-missing-weights." + ext, maker.make(edit(config, "LSTM", l -> l.put("name", "renamed"))));
        files.put("config-lambda." + ext, maker.make(edit(renameClass(config, "LSTM", "Lambda"), "Lambda",
                l -> l.put("function", "4wEAAAAAAAAAAAAAAAEAAAACAAAAQwAAAHMIAAAAfABkARQAUwApAk7p")
                        .put("module", "os").put("function_type", "lambda"))));
    }

    @FunctionalInterface
    private interface Maker {
        byte[] make(byte[] config) throws IOException;
    }

    private static byte[] edit(byte[] config, String className, Consumer<ObjectNode> edit) throws IOException {
        JsonNode model = JSON.readTree(config);
        for (JsonNode layer : model.path("config").path("layers")) {
            if (layer.path("class_name").asText().equals(className)) {
                edit.accept((ObjectNode) layer.get("config"));
            }
        }
        return JSON.writeValueAsBytes(model);
    }

    private static byte[] renameClass(byte[] config, String from, String to) throws IOException {
        JsonNode model = JSON.readTree(config);
        for (JsonNode layer : model.path("config").path("layers")) {
            if (layer.path("class_name").asText().equals(from)) {
                ((ObjectNode) layer).put("class_name", to);
            }
        }
        return JSON.writeValueAsBytes(model);
    }

    /** Where the model_config string lies in a Keras .h5 file: in a global heap object, after its 8-byte length. */
    private static int configOffset(byte[] h5) {
        byte[] start = "{\"class_name\"".getBytes(StandardCharsets.US_ASCII);
        for (int i = 8; i + start.length <= h5.length; i++) {
            if (Arrays.equals(h5, i, i + start.length, start, 0, start.length)) {
                return i;
            }
        }
        throw new IllegalStateException("no model_config in the base .h5 file");
    }

    private static byte[] h5Config(byte[] h5) {
        int at = configOffset(h5);
        int length = (int) ByteBuffer.wrap(h5, at - 8, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return Arrays.copyOfRange(h5, at, at + length);
    }

    /** The .h5 file with its model_config replaced, in place and padded with spaces to the same length. */
    private static byte[] h5WithConfig(byte[] h5, byte[] json) {
        byte[] old = h5Config(h5);
        if (json.length > old.length) {
            throw new IllegalArgumentException("a config of " + json.length + " bytes does not fit in " + old.length);
        }
        byte[] out = h5.clone();
        int at = configOffset(h5);
        Arrays.fill(out, at, at + old.length, (byte) ' ');
        System.arraycopy(json, 0, out, at, json.length);
        return out;
    }

    static byte[] entry(byte[] archive, String name) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(archive))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.getName().equals(name)) {
                    return in.readAllBytes();
                }
            }
        }
        throw new IllegalStateException("no " + name + " in the base archive");
    }

    /** A zip entry with a fixed time, so that generating the files again gives the same bytes. */
    private static ZipEntry entry(String name) {
        ZipEntry e = new ZipEntry(name);
        e.setTimeLocal(java.time.LocalDateTime.of(1980, 1, 1, 0, 0));
        return e;
    }

    /** The archive with every occurrence of an entry name replaced by bytes of the same length. */
    private static byte[] renamed(byte[] archive, String from, byte[] to) {
        byte[] f = from.getBytes(StandardCharsets.UTF_8);
        byte[] out = archive.clone();
        for (int i = 0; i + f.length <= out.length; i++) {
            if (Arrays.equals(out, i, i + f.length, f, 0, f.length)) {
                System.arraycopy(to, 0, out, i, f.length);
            }
        }
        return out;
    }

    /** The archive with entry {@code name} replaced by {@code content} (deflated), removed if null, added if absent. */
    static byte[] archiveWith(byte[] archive, String name, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean written = false;
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(archive));
             ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                byte[] data = in.readAllBytes();
                if (e.getName().equals(name)) {
                    data = content;
                    written = true;
                }
                if (data != null) {
                    out.putNextEntry(entry(e.getName()));
                    out.write(data);
                    out.closeEntry();
                }
            }
            if (!written && content != null) {
                out.putNextEntry(entry(name));
                out.write(content);
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] k4j(byte[] h5) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NativeModel.write(ModelImporter.readGraph(h5, BASE_H5), null, out);
        return out.toByteArray();
    }

    /** The .k4j file with the int at {@code offset} replaced and its checksum made to match again. */
    private static byte[] resealed(byte[] k4j, int offset, int value) {
        byte[] out = k4j.clone();
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
        return reseal(out);
    }

    static byte[] reseal(byte[] k4j) {
        CRC32C crc = new CRC32C();
        crc.update(k4j, 64, k4j.length - 64);
        ByteBuffer.wrap(k4j).order(ByteOrder.LITTLE_ENDIAN).putInt(32, (int) crc.getValue());
        return k4j;
    }

    private static byte[] patchLong(byte[] k4j, int offset, long value) {
        byte[] out = k4j.clone();
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putLong(offset, value);
        return out;
    }
}
