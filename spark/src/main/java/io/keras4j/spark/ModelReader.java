package io.keras4j.spark;

import io.keras4j.importer.ModelImporter;
import io.keras4j.runtime.Model;
import java.io.IOException;

/** Turns the content of a model file into a runnable model. */
@FunctionalInterface
interface ModelReader {
    /**
     * Every format keras4j reads, detected from the content: Keras .h5 and .keras through {@link ModelImporter}
     * (and ONNX once the importer reads it). The native .k4j reader is added here, in this one line.
     */
    ModelReader DEFAULT = ModelImporter::load;

    /** Reads a model; {@code name} (the file's path) is used in messages. */
    Model read(byte[] content, String name) throws IOException;
}
