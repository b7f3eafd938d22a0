package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Pad;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.image.crop_images(images, top_cropping, left_cropping, bottom_cropping, right_cropping,
 * target_height, target_width)} and {@code keras.ops.image.pad_images} (zeros): a batch of images (rank 4,
 * {@code data_format} channels_last or channels_first); each side's count, or the target size from which Keras derives
 * the missing one (from the image's size, which must then be known at import). A crop past the image's edge is refused,
 * as TensorFlow refuses it.
 */
final class CropPadImagesTranslator implements LayerTranslator {
    private final boolean crop;

    CropPadImagesTranslator(boolean crop) {
        this.crop = crop;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = OperationArguments.single(config, t);
        boolean channelsFirst = GeneralConfig.channelsFirst(config);
        String verb = crop ? "cropping" : "padding";
        Integer top = count(config, "top_" + verb);
        Integer bottom = count(config, "bottom_" + verb);
        Integer left = count(config, "left_" + verb);
        Integer right = count(config, "right_" + verb);
        Integer height = count(config, "target_height");
        Integer width = count(config, "target_width");
        if (x == null || config.hasProblems()) {
            return List.of(t.unavailable());
        }
        int[] shape = t.shape(x.value());
        if (shape.length != 4) {
            config.problem("expects a batch of images (rank 4), got " + GeneralConfig.shapeText(shape));
            return List.of(t.unavailable());
        }
        int rows = channelsFirst ? 2 : 1;
        int[] vertical = sides(config, top, bottom, height, shape[rows], "top", "bottom", "target_height");
        int[] horizontal = sides(config, left, right, width, shape[rows + 1], "left", "right", "target_width");
        if (vertical == null || horizontal == null) {
            return List.of(t.unavailable());
        }
        if (crop) {
            return List.of(new KTensor(OperationArguments.slice(t, x.value(), List.of(
                    new float[] {vertical[0], vertical[0] + vertical[1], rows, 1},
                    new float[] {horizontal[0], horizontal[0] + horizontal[1], rows + 1, 1})), null));
        }
        int[] pads = new int[8];
        pads[rows] = vertical[0];
        pads[rows + 1] = horizontal[0];
        pads[4 + rows] = vertical[1];
        pads[4 + rows + 1] = horizontal[1];
        return List.of(new KTensor(GeneralConfig.emit(t, new Pad(pads, 0f), x.value()), null));
    }

    /**
     * One axis's counts as Keras derives them for an axis of {@code size} (-1 if unknown): a crop's start and kept length,
     * or the padding before and after; null after a problem.
     */
    private int[] sides(LayerConfig config, Integer before, Integer after, Integer target, int size, String first,
            String second, String targetKey) {
        String verb = crop ? "_cropping" : "_padding";
        boolean needsSize = crop ? after != null : target != null;
        if ((before == null ? 1 : 0) + (after == null ? 1 : 0) + (target == null ? 1 : 0) != 1) {
            config.problem("options " + first + verb + "=" + before + ", " + second + verb + "=" + after + " and "
                    + targetKey + "=" + target + " are not supported (two of the three)");
            return null;
        }
        if (needsSize && size < 0) {
            config.problem("derives its " + first + "/" + second + " counts from the image's size, which is not known at"
                    + " import");
            return null;
        }
        int[] out = crop ? new int[] {before != null ? before : size - target - after,
                target != null ? target : size - after - before}
                : new int[] {before != null ? before : target - after - size, after != null ? after : target - before - size};
        if (out[0] < 0 || out[1] < 0 || crop && size >= 0 && out[0] + out[1] > size) {
            config.problem("options " + first + verb + "=" + before + ", " + second + verb + "=" + after + " and "
                    + targetKey + "=" + target + " do not fit an image side of " + size);
            return null;
        }
        return out;
    }

    /** A count option: null where absent or None, else a whole number from 0 to 2^24; null too after a problem. */
    private static Integer count(LayerConfig config, String key) {
        var v = config.raw(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0 || v.asInt() > 1 << 24) {
            config.problem("option " + key + "=" + v + " must be a whole number from 0 to " + (1 << 24));
            return null;
        }
        return v.asInt();
    }
}
