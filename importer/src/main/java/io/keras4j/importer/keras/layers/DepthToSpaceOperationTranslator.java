package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.Reshape;
import io.keras4j.runtime.ops.Transpose;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.nn.depth_to_space(x, block_size, data_format)} and {@code space_to_depth}, TensorFlow's (which
 * Keras' TensorFlow backend calls, channels_first between two transposes): a batch of images (rank 4) of
 * {@code (rows, cols, channels)}, each block of k × k pixels the channels of one pixel, in the order
 * {@code (block row, block column, channel)}. A Reshape to six axes, a Transpose and a Reshape back; the channels and at
 * least one of rows and columns known at import.
 */
final class DepthToSpaceOperationTranslator implements LayerTranslator {
    private static final int[] SWAP_MIDDLE = {0, 1, 3, 2, 4, 5};
    private final boolean toSpace;

    /** @param toSpace depth_to_space; else space_to_depth */
    DepthToSpaceOperationTranslator(boolean toSpace) {
        this.toSpace = toSpace;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = OperationArguments.single(config, t);
        int k = config.positiveInt("block_size");
        boolean channelsFirst = GeneralConfig.channelsFirst(config);
        if (x == null || k <= 0) {
            return List.of(t.unavailable());
        }
        int[] shape = t.shape(x.value());
        int rows = shape.length == 4 ? shape[channelsFirst ? 2 : 1] : -1;
        int cols = shape.length == 4 ? shape[channelsFirst ? 3 : 2] : -1;
        int channels = shape.length == 4 ? shape[channelsFirst ? 1 : 3] : -1;
        boolean fits = channels > 0 && (rows > 0 || cols > 0) && (toSpace ? channels % (k * k) == 0
                && (long) Math.max(rows, cols) * k <= 1 << 24 : (rows < 0 || rows % k == 0) && (cols < 0 || cols % k == 0)
                && (long) channels * k * k <= 1 << 24);
        if (!fits) {
            config.problem("option block_size=" + k + " does not fit an input of " + GeneralConfig.shapeText(shape)
                    + " (a batch of images with known channels " + (toSpace ? "divisible by block_size²"
                            : "and rows and columns divisible by block_size") + ", and the rows or the columns known at"
                    + " import)");
            return List.of(t.unavailable());
        }
        int[] six;
        int[] four;
        if (toSpace) {
            six = new int[] {rows, cols, k, k, channels / (k * k)};
            four = new int[] {scaled(rows, k, 1), scaled(cols, k, 1), channels / (k * k)};
        } else {
            six = new int[] {scaled(rows, 1, k), k, scaled(cols, 1, k), k, channels};
            four = new int[] {scaled(rows, 1, k), scaled(cols, 1, k), channels * k * k};
        }
        String v = GeneralConfig.moveChannels(t, x.value(), channelsFirst, 1, 2, true);
        v = GeneralConfig.emit(t, new Reshape("Reshape", six), v);
        v = GeneralConfig.emit(t, new Transpose("Transpose", SWAP_MIDDLE), v);
        v = GeneralConfig.emit(t, new Reshape("Reshape", four), v);
        return List.of(new KTensor(GeneralConfig.moveChannels(t, v, channelsFirst, 1, 2, false), null));
    }

    /** {@code size · times / per} for a size known at import, else -1 (a Reshape's free dimension). */
    private static int scaled(int size, int times, int per) {
        return size > 0 ? size * times / per : -1;
    }
}
