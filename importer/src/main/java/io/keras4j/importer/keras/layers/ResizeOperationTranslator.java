package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.image.resize(images, size, ...)} on a batch of images: {@code size} (height, width) and the
 * options of Resizing ({@link ResizingTranslator#resized}), which the same TensorFlow backend function computes.
 */
final class ResizeOperationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        int[] size = GeneralConfig.intList(config, false, "size");
        boolean valid = size != null && size.length == 2 && Math.min(size[0], size[1]) > 0
                && Math.max(size[0], size[1]) <= 1 << 24;
        if (size != null && !valid) {
            config.problem("option size=" + config.raw("size") + " is not supported (a height and a width from 1 to "
                    + (1 << 24) + ")");
        }
        // After a problem the other options are still read (and checked); resized then gives no output.
        return ResizingTranslator.resized(config, t, OperationArguments.single(config, t), valid ? size[0] : 1,
                valid ? size[1] : 1);
    }
}
