package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.Reshape;
import io.keras4j.runtime.ops.primitive.Gather;
import io.keras4j.runtime.ops.primitive.Pad;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.unfold(x, kernel_size, dilation, padding, stride)} (torch's im2col): from a batch of images
 * {@code (batch, C, H, W)} (channels first, sizes known at import), padded with zeros by {@code padding} on both sides
 * of each spatial axis, the {@code kH × kW} blocks every {@code stride} with {@code dilation}, as
 * {@code (batch, C·kH·kW, nH·nW)}: row {@code (c·kH + i)·kW + j}, column {@code oh·nW + ow}, as Keras' TensorFlow backend
 * lays them out. Only values move, so it is exact: one Gather of the flattened padded images at constant positions.
 */
final class UnfoldOperationTranslator implements LayerTranslator {
    /** The most values keras4j's index table may hold (C·kH·kW·nH·nW). */
    private static final long MOST_VALUES = 1 << 24;

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = OperationArguments.single(config, t);
        int[] k = GeneralConfig.sizes(config, "kernel_size", 2, 0);
        int[] d = GeneralConfig.sizes(config, "dilation", 2, 1);
        int[] s = GeneralConfig.sizes(config, "stride", 2, 1);
        int[] p = padding(config);
        if (x == null || k == null || d == null || s == null || p == null) {
            return List.of(t.unavailable());
        }
        int[] shape = t.shape(x.value());
        if (shape.length != 4 || shape[1] < 1 || shape[2] < 1 || shape[3] < 1) {
            config.problem("takes an input of shape " + GeneralConfig.shapeText(shape) + "; keras4j needs a batch of"
                    + " images (batch, channels, rows, columns) whose sizes are known at import");
            return List.of(t.unavailable());
        }
        int c = shape[1];
        int rows = shape[2] + 2 * p[0];
        int cols = shape[3] + 2 * p[1];
        int nH = (rows - d[0] * (k[0] - 1) - 1) / s[0] + 1;
        int nW = (cols - d[1] * (k[1] - 1) - 1) / s[1] + 1;
        if (rows - d[0] * (k[0] - 1) < 1 || cols - d[1] * (k[1] - 1) < 1
                || (long) c * k[0] * k[1] * nH * nW > MOST_VALUES) {
            config.problem("option kernel_size=" + config.raw("kernel_size") + " with dilation=" + config.raw("dilation")
                    + " does not fit the padded images of " + rows + " × " + cols + " (or the blocks exceed 2^24 values)");
            return List.of(t.unavailable());
        }
        float[] positions = new float[c * k[0] * k[1] * nH * nW];
        int at = 0;
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < k[0]; i++) {
                for (int j = 0; j < k[1]; j++) {
                    for (int oh = 0; oh < nH; oh++) {
                        for (int ow = 0; ow < nW; ow++) {
                            positions[at++] = (ch * rows + oh * s[0] + i * d[0]) * cols + ow * s[1] + j * d[1];
                        }
                    }
                }
            }
        }
        String v = GeneralConfig.emit(t, new Pad(new int[] {0, 0, p[0], p[1], 0, 0, p[0], p[1]}, 0f), x.value());
        v = GeneralConfig.emit(t, new Reshape("Reshape", new int[] {c * rows * cols}), v);
        String index = GeneralConfig.constant(t, positions, new int[] {c * k[0] * k[1], nH * nW});
        return List.of(new KTensor(GeneralConfig.emit(t, new Gather(1), v, index), null));
    }

    /** Option padding: one count of zeros for both spatial axes, or one per axis, none negative; null after a problem. */
    private static int[] padding(LayerConfig config) {
        int[] p = GeneralConfig.intList(config, true, "padding");
        p = p == null ? new int[] {0} : p;
        p = p.length == 1 ? new int[] {p[0], p[0]} : p;
        if (p.length != 2 || p[0] < 0 || p[1] < 0 || p[0] > 1 << 20 || p[1] > 1 << 20) {
            config.problem("option padding=" + config.raw("padding") + " is not supported (one count, or two, of zeros,"
                    + " none negative)");
            return null;
        }
        return p;
    }
}
