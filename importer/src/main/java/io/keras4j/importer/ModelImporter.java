package io.keras4j.importer;

import io.keras4j.importer.hdf5.Hdf5File;
import io.keras4j.importer.keras.KerasImporter;
import io.keras4j.importer.onnx.OnnxImporter;
import io.keras4j.runtime.Model;
import io.keras4j.runtime.graph.Graph;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads model files into keras4j. The format is detected from the content, not the file name:
 * HDF5 (Keras {@code .h5}), zip (Keras 3 {@code .keras}) or an ONNX protobuf ({@code .onnx}).
 */
public final class ModelImporter {
    private ModelImporter() {
    }

    /**
     * Imports a model file and prepares it to run.
     *
     * @throws ModelImportException naming the file and every problem when the model cannot be imported
     * @throws IOException          when the file cannot be read
     */
    public static Model load(Path file) throws IOException {
        return Model.of(readGraph(file));
    }

    /** Imports a model held in memory; {@code name} is used in messages. */
    public static Model load(byte[] content, String name) throws IOException {
        return Model.of(readGraph(content, name));
    }

    /** Imports a model file into a graph without preparing it to run. */
    public static Graph readGraph(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        if (Files.isDirectory(file)) {
            throw new ModelImportException(file.toString(), List.of("is a directory, not a model file"));
        }
        byte[] head = new byte[16];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        String name = file.toString();
        switch (detect(head, n)) {
            case HDF5:
                try (Hdf5File h5 = Hdf5File.open(file)) {
                    return KerasImporter.readH5(h5, name);
                }
            case ZIP:
                try (InputStream in = Files.newInputStream(file)) {
                    return KerasImporter.readArchive(in, name);
                }
            case ONNX:
                return OnnxImporter.read(Files.readAllBytes(file), file.toAbsolutePath().getParent(), name);
            default:
                throw unknown(name);
        }
    }

    /** Imports a model held in memory into a graph; {@code name} is used in messages. */
    public static Graph readGraph(byte[] content, String name) throws IOException {
        switch (detect(content, content.length)) {
            case HDF5:
                try (Hdf5File h5 = Hdf5File.open(content, name)) {
                    return KerasImporter.readH5(h5, name);
                }
            case ZIP:
                return KerasImporter.readArchive(new ByteArrayInputStream(content), name);
            case ONNX:
                return OnnxImporter.read(content, null, name);
            default:
                throw unknown(name);
        }
    }

    private static ModelImportException unknown(String name) {
        return new ModelImportException(name, List.of(
                "not a model file keras4j reads (expected a Keras .h5 (HDF5) or .keras (zip) file, or an ONNX model)"));
    }

    private enum Format { HDF5, ZIP, ONNX, UNKNOWN }

    private static Format detect(byte[] head, int n) {
        if (n >= 8 && head[0] == (byte) 0x89 && head[1] == 'H' && head[2] == 'D' && head[3] == 'F'
                && head[4] == '\r' && head[5] == '\n' && head[6] == 0x1a && head[7] == '\n') {
            return Format.HDF5;
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return Format.ZIP;
        }
        if (OnnxImporter.looksLikeOnnx(head, Math.min(n, 16))) {
            return Format.ONNX;
        }
        return Format.UNKNOWN;
    }
}
