package io.keras4j.importer;

import io.keras4j.importer.hdf5.Hdf5Exception;
import io.keras4j.importer.hdf5.Hdf5File;
import io.keras4j.importer.keras.KerasImporter;
import io.keras4j.importer.onnx.OnnxImporter;
import io.keras4j.runtime.Model;
import io.keras4j.runtime.graph.Graph;
import io.keras4j.runtime.io.NativeModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads model files into keras4j. The format is detected from the content, not the file name:
 * HDF5 (Keras {@code .h5}), zip (Keras 3 {@code .keras}), an ONNX protobuf ({@code .onnx}) or the native
 * {@code .k4j} file.
 */
public final class ModelImporter {
    /** Largest model config JSON file accepted. */
    private static final long MAX_CONFIG_BYTES = 64L << 20;

    private ModelImporter() {
    }

    /**
     * Imports a model file and prepares it to run.
     *
     * @throws ModelImportException naming the file and every problem when the model cannot be imported or the file is
     *                              damaged
     * @throws IOException          when the file cannot be read at all (missing, no permission)
     */
    public static Model load(Path file) throws IOException {
        return Model.of(readGraph(file));
    }

    /**
     * Imports a model saved as two files: its weights ({@code model.save_weights()}, HDF5: Keras 1, 2, tf.keras, or
     * Keras 3's {@code .weights.h5}) and its config ({@code model.to_json()}).
     *
     * @throws ModelImportException naming the files and every problem when the model cannot be imported or a file is
     *                              damaged
     * @throws IOException          when a file cannot be read at all (missing, no permission)
     */
    public static Model load(Path weights, Path config) throws IOException {
        return Model.of(readGraph(weights, config));
    }

    /** Imports a model held in memory; {@code name} is used in messages. */
    public static Model load(byte[] content, String name) throws IOException {
        return Model.of(readGraph(content, name));
    }

    /**
     * Imports a model file as {@code options} say: {@link ImportOptions#isolated()} for files that may be damaged or
     * hostile (see SECURITY.md).
     */
    public static Model load(Path file, ImportOptions options) throws IOException {
        return Model.of(readGraph(file, options));
    }

    /** Imports weights and config files (see {@link #load(Path, Path)}) as {@code options} say. */
    public static Model load(Path weights, Path config, ImportOptions options) throws IOException {
        return Model.of(readGraph(weights, config, options));
    }

    /** Imports a model held in memory as {@code options} say; {@code name} is used in messages. */
    public static Model load(byte[] content, String name, ImportOptions options) throws IOException {
        return Model.of(readGraph(content, name, options));
    }

    /** Imports a model file into a graph as {@code options} say. */
    public static Graph readGraph(Path file, ImportOptions options) throws IOException {
        String name = file.toString();
        Format format = sniff(file);
        return options.isolate() && format.runsNativeCode ? IsolatedImporter.readGraph(name, file, options)
                : damagedAsImportError(name, () -> readGraph(file, name, format, options));
    }

    /** Imports weights and config files into a graph as {@code options} say. */
    public static Graph readGraph(Path weights, Path config, ImportOptions options) throws IOException {
        checkFile(weights);
        checkFile(config);
        return options.isolate() ? IsolatedImporter.readGraph(weights + " with config " + config, weights, config,
                options) : readInProcess(weights, config, options);
    }

    /** Imports a model held in memory into a graph as {@code options} say. */
    public static Graph readGraph(byte[] content, String name, ImportOptions options) throws IOException {
        Format format = detect(content, content.length);
        return options.isolate() && format.runsNativeCode ? IsolatedImporter.readGraph(content, name, options)
                : damagedAsImportError(name, () -> readGraph(content, name, format, options));
    }

    /** Imports a model file into a graph without preparing it to run. */
    public static Graph readGraph(Path file) throws IOException {
        return readGraph(file, ImportOptions.inProcess());
    }

    private static Graph readGraph(Path file, String name, Format format, ImportOptions options) throws IOException {
        switch (format) {
            case HDF5:
                try (Hdf5File h5 = Hdf5File.open(file)) {
                    return KerasImporter.readH5(h5, name, options);
                }
            case ZIP:
                try (InputStream in = Files.newInputStream(file)) {
                    return KerasImporter.readArchive(in, Files.size(file), name, options);
                }
            case NATIVE:
                return NativeModel.read(file).graph();
            case ONNX:
                return OnnxImporter.read(file, name);
            default:
                throw unknown(name);
        }
    }

    /** Imports a model saved as weights and config files (see {@link #load(Path, Path)}) into a graph. */
    public static Graph readGraph(Path weights, Path config) throws IOException {
        return readInProcess(weights, config, ImportOptions.inProcess());
    }

    private static Graph readInProcess(Path weights, Path config, ImportOptions options) throws IOException {
        String name = weights + " with config " + config;
        checkFile(config);
        if (Files.size(config) > MAX_CONFIG_BYTES) {
            throw new ModelImportException(config.toString(), List.of("config file is larger than keras4j accepts ("
                    + MAX_CONFIG_BYTES + " bytes)"));
        }
        String json = Files.readString(config, StandardCharsets.UTF_8);
        if (sniff(weights) != Format.HDF5) {
            throw new ModelImportException(weights.toString(), List.of("not an HDF5 weights file (a .keras archive holds"
                    + " its own config: load it alone)"));
        }
        return damagedAsImportError(name, () -> {
            try (Hdf5File h5 = Hdf5File.open(weights)) {
                return KerasImporter.readH5(h5, json, name, options);
            }
        });
    }

    /** Imports a model held in memory into a graph; {@code name} is used in messages. */
    public static Graph readGraph(byte[] content, String name) throws IOException {
        return readGraph(content, name, ImportOptions.inProcess());
    }

    private static Graph readGraph(byte[] content, String name, Format format, ImportOptions options)
            throws IOException {
        switch (format) {
            case HDF5:
                try (Hdf5File h5 = Hdf5File.open(content, name)) {
                    return KerasImporter.readH5(h5, name, options);
                }
            case ZIP:
                return KerasImporter.readArchive(new ByteArrayInputStream(content), content.length, name, options);
            case NATIVE:
                return NativeModel.read(content, name).graph();
            case ONNX:
                return OnnxImporter.read(content, null, name);
            default:
                throw unknown(name);
        }
    }

    /**
     * Runs {@code read}; a file whose content is damaged (an HDF5 or .k4j reader's {@link IOException}) becomes a
     * {@link ModelImportException} naming it, one line even when the error quotes damaged bytes. A file the system
     * cannot read ({@link FileSystemException}) stays as it is.
     */
    private static Graph damagedAsImportError(String name, GraphRead read) throws IOException {
        try {
            return read.read();
        } catch (ModelImportException | FileSystemException e) {
            throw e;
        } catch (IOException e) {
            if (e.getCause() instanceof FileSystemException f) {
                throw f;
            }
            String message = String.valueOf(e.getMessage());
            String file = e instanceof Hdf5Exception h ? h.file() : name;
            String problem = message.startsWith(file + ": ") ? message.substring(file.length() + 2) : message;
            if (problem.startsWith("/: ")) {
                problem = problem.substring(3);
            }
            throw new ModelImportException(file, problem, e);
        }
    }

    @FunctionalInterface
    private interface GraphRead {
        Graph read() throws IOException;
    }

    private static void checkFile(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        if (Files.isDirectory(file)) {
            throw new ModelImportException(file.toString(), List.of("is a directory, not a model file"));
        }
    }

    /** The format of a file, read from its first bytes. */
    private static Format sniff(Path file) throws IOException {
        checkFile(file);
        byte[] head = new byte[16];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        return detect(head, n);
    }

    private static ModelImportException unknown(String name) {
        return new ModelImportException(name, List.of(
                "not a model file keras4j reads (expected a Keras .h5 (HDF5) or .keras (zip) file, an ONNX model"
                + " or a keras4j .k4j file)"));
    }

    /**
     * A format; {@code runsNativeCode} when reading it runs native code (HDF5), which isolation keeps out of this JVM. ONNX and
     * .k4j files are read in pure Java, bounds-checked, in this JVM either way.
     */
    private enum Format {
        HDF5(true), ZIP(true), ONNX(false), NATIVE(false), UNKNOWN(false);

        final boolean runsNativeCode;

        Format(boolean nativeCode) {
            this.runsNativeCode = nativeCode;
        }
    }

    private static Format detect(byte[] head, int n) {
        if (n >= 8 && head[0] == (byte) 0x89 && head[1] == 'H' && head[2] == 'D' && head[3] == 'F'
                && head[4] == '\r' && head[5] == '\n' && head[6] == 0x1a && head[7] == '\n') {
            return Format.HDF5;
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return Format.ZIP;
        }
        if (NativeModel.isNativeModel(head, n)) {
            return Format.NATIVE;
        }
        if (OnnxImporter.looksLikeOnnx(head, Math.min(n, 16))) {
            return Format.ONNX;
        }
        return Format.UNKNOWN;
    }
}
