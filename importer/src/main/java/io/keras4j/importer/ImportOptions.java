package io.keras4j.importer;

import java.time.Duration;

/**
 * How {@link ModelImporter} reads a model file.
 *
 * <p>{@link #inProcess()}, the default, reads every format in this JVM: fastest, and right for files you trust.
 * {@link #isolated()} reads Keras files ({@code .h5}, {@code .keras}), whose HDF5 parts are decoded by a native
 * library, in a child JVM that converts the model to the {@code .k4j} format on its standard output. A crash, a
 * hang or a memory blow-up of the native library on a damaged or hostile file then ends only the child, within the
 * timeout and memory limits given here, and this JVM reports one line. Formats read in pure Java ({@code .k4j},
 * {@code .onnx}) are read in this JVM either way. See SECURITY.md.
 *
 * <p>{@link #withMixedPrecisionInFloat32(boolean)} lets Keras files saved under a mixed-precision policy import.
 *
 * @param isolate        whether Keras files are read in a child JVM
 * @param timeout        how long the child may take before it is killed
 * @param maxHeapBytes   the child's Java heap ({@code -Xmx})
 * @param maxNativeBytes the child's memory outside the Java heap (native library, JVM), enforced as an address
 *                       space limit of heap plus this, on Linux
 * @param mixedPrecisionInFloat32 whether Keras layers saved under the {@code mixed_float16} or {@code mixed_bfloat16}
 *                       dtype policy are computed in float32 (see {@link #withMixedPrecisionInFloat32(boolean)})
 */
public record ImportOptions(boolean isolate, Duration timeout, long maxHeapBytes, long maxNativeBytes,
                            boolean mixedPrecisionInFloat32) {
    private static final long MIB = 1L << 20;

    public ImportOptions {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("import timeout must be positive, was " + timeout);
        }
        if (maxHeapBytes < 64 * MIB || maxNativeBytes < 512 * MIB) {
            throw new IllegalArgumentException("an isolated import needs at least 64 MiB of heap and 512 MiB of native"
                    + " memory, was given " + maxHeapBytes / MIB + " and " + maxNativeBytes / MIB + " MiB");
        }
    }

    /** Reads in this JVM (the default of {@link ModelImporter}). */
    public static ImportOptions inProcess() {
        return new ImportOptions(false, Duration.ofMinutes(2), 2048 * MIB, 3072 * MIB, false);
    }

    /** Reads Keras files in a child JVM: 2 minutes, 2 GiB of heap and 3 GiB of native memory at most. */
    public static ImportOptions isolated() {
        return inProcess().withIsolated(true);
    }

    public ImportOptions withIsolated(boolean inChild) {
        return new ImportOptions(inChild, timeout, maxHeapBytes, maxNativeBytes, mixedPrecisionInFloat32);
    }

    public ImportOptions withTimeout(Duration limit) {
        return new ImportOptions(isolate, limit, maxHeapBytes, maxNativeBytes, mixedPrecisionInFloat32);
    }

    public ImportOptions withMemory(long heapBytes, long nativeBytes) {
        return new ImportOptions(isolate, timeout, heapBytes, nativeBytes, mixedPrecisionInFloat32);
    }

    /**
     * Whether Keras layers saved under the {@code mixed_float16} or {@code mixed_bfloat16} dtype policy (float32
     * weights, computation in 16 bits: models trained with mixed precision) are imported, and computed in float32.
     * Off by default, and such a layer is then refused: keras4j cannot reproduce Keras' 16-bit roundings. On, the
     * results are those of Keras computing the same model under the float32 policy (within keras4j's usual
     * tolerance), and differ from Keras' own mixed-precision results by their 16-bit rounding: by up to 1.4e-3
     * (0.5% relative) for mixed_float16 and 5.2e-3 (2.6%) for mixed_bfloat16 on keras4j's golden models (see the
     * README); and values beyond float16's range (65504), which Keras turns into infinities, stay finite. Layers
     * with a float16 or bfloat16 policy (16-bit weights) stay refused. ONNX and {@code .k4j} files are not affected.
     */
    public ImportOptions withMixedPrecisionInFloat32(boolean inFloat32) {
        return new ImportOptions(isolate, timeout, maxHeapBytes, maxNativeBytes, inFloat32);
    }
}
