package io.keras4j.spark;

import io.keras4j.importer.ModelImporter;
import io.keras4j.runtime.Model;
import io.keras4j.runtime.io.NativeModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Turns the content of a model file into a runnable model. */
@FunctionalInterface
interface ModelReader {
    /**
     * Every format keras4j reads, detected from the content: the native .k4j file through {@link NativeModel},
     * Keras .h5 and .keras (and whatever else the importer reads) through {@link ModelImporter}.
     */
    ModelReader DEFAULT = (content, name) -> NativeModel.isNativeModel(content, content.length)
            ? nativeModel(content) : ModelImporter.load(content, name);

    /** Reads a model; {@code name} (the file's path) is used in messages. */
    Model read(byte[] content, String name) throws IOException;

    /** {@link NativeModel} reads (memory-maps) files, so the content goes through a temporary file. */
    private static Model nativeModel(byte[] content) throws IOException {
        Path file = Files.createTempFile("keras4j-", ".k4j");
        try {
            Files.write(file, content);
            return NativeModel.load(file, false);
        } finally {
            Files.delete(file);
        }
    }
}
