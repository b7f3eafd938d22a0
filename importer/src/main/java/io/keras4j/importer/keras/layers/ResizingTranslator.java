package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.Resize;
import java.util.List;
import java.util.Locale;

/**
 * Keras Resizing: images resized to {@code height} x {@code width} as TensorFlow's {@code tf.image.resize} does
 * (runtime op {@link Resize}, half-pixel centres), {@code interpolation} bilinear, nearest or bicubic, {@code data_format}
 * (channels_first between two Transposes), {@code crop_to_aspect_ratio} (the centre of each image cropped to the
 * target's aspect ratio first), {@code pad_to_aspect_ratio} with {@code fill_value} (each image padded towards the
 * target's aspect ratio first), {@code fill_mode} constant. {@code antialias} is refused. Drops the mask.
 */
final class ResizingTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        int height = config.positiveInt("height");
        int width = config.positiveInt("width");
        return resized(config, t, GeneralConfig.single(config, t), height, width);
    }

    /**
     * Images {@code x} resized to {@code height} x {@code width} with the options of Resizing, which
     * {@code keras.ops.image.resize} shares (the same TensorFlow backend function computes both); unavailable after a
     * problem.
     */
    static List<KTensor> resized(LayerConfig config, Translation t, KTensor x, int height, int width) {
        Resize.Mode mode = mode(config, config.string("bilinear", "interpolation"));
        boolean crop = config.bool(false, "crop_to_aspect_ratio");
        boolean pad = config.bool(false, "pad_to_aspect_ratio");
        if (crop && pad) {
            config.problem("option pad_to_aspect_ratio=true is not supported together with crop_to_aspect_ratio=true (Keras"
                    + " refuses them too)");
        }
        config.require("antialias", false, "TensorFlow's antialiased kernels");
        String fillMode = config.string("constant", "fill_mode");
        if (!fillMode.equals("constant")) {
            config.problem("option fill_mode='" + fillMode + "' is not supported (constant only: Keras' TensorFlow backend"
                    + " refuses any other when it runs)");
        }
        float fill = (float) config.number(0, "fill_value");
        boolean channelsFirst = GeneralConfig.channelsFirst(config);
        if (x != null && t.shape(x.value()).length != 4) {
            config.problem("takes an input of rank 4, got " + GeneralConfig.shapeText(t.shape(x.value())));
        }
        if (x == null || mode == null || config.hasProblems()) {
            return List.of(t.unavailable());
        }
        Resize resize = tensorflow(mode, new int[] {height, width}, null);
        return ConvTranslator.channelsLast(t, x, channelsFirst, 2,
                crop ? resize.croppedToAspectRatio() : pad ? resize.paddedToAspectRatio(fill) : resize);
    }

    /** The mode of a Keras interpolation (bilinear, nearest or bicubic), or null after a problem. */
    static Resize.Mode mode(LayerConfig config, String interpolation) {
        switch (interpolation.toLowerCase(Locale.ROOT)) {
            case "bilinear":
                return Resize.Mode.LINEAR;
            case "bicubic":
                return Resize.Mode.CUBIC;
            case "nearest":
                return Resize.Mode.NEAREST;
            default:
                config.problem("option interpolation='" + interpolation + "' is not supported (bilinear, nearest or bicubic)");
                return null;
        }
    }

    /** A resize as TensorFlow's {@code tf.image.resize} computes it, to {@code sizes} or by {@code scales}. */
    static Resize tensorflow(Resize.Mode mode, int[] sizes, float[] scales) {
        return new Resize(mode, Resize.Coordinates.TENSORFLOW, Resize.Rounding.FLOOR, -0.5f, true, sizes, scales);
    }
}
