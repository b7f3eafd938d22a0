package io.keras4j.cli;

import io.keras4j.importer.ImportOptions;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * How a command reads its model: by default Keras files are read in a child JVM, so that a damaged or hostile file
 * that crashes or hangs the native HDF5 library ends only that child (see SECURITY.md).
 */
final class ImportMixin {
    @Option(names = "--in-process", description = "Read Keras files in this JVM: faster, for trusted files only"
            + " (ONNX and .k4j files are read in pure Java in this JVM either way).")
    boolean inProcess;

    @Option(names = "--import-timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "Stop reading a Keras file after this many seconds (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--mixed-precision-in-float32", description = "Compute Keras layers saved under the mixed_float16"
            + " or mixed_bfloat16 dtype policy in float32 (refused otherwise): results then differ from Keras' 16-bit"
            + " ones by their rounding.")
    boolean mixedPrecisionInFloat32;

    /** The import options these flags give. */
    ImportOptions options() {
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("--import-timeout must be at least 1 second, was " + timeoutSeconds);
        }
        return ImportOptions.isolated().withIsolated(!inProcess).withTimeout(Duration.ofSeconds(timeoutSeconds))
                .withMixedPrecisionInFloat32(mixedPrecisionInFloat32);
    }
}
