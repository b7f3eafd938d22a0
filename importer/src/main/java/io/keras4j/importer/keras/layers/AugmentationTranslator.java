package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import java.util.List;

/**
 * Keras' random image augmentation layers (RandomFlip, RandomRotation, RandomZoom, RandomContrast, ..., the mixing
 * RandAugment, AugMix, CutMix and MixUp) and Equalization: Keras runs them only in training, and at inference gives the
 * input unchanged, mask included, so they emit no node. Every option they take (factors, seeds, fill modes, value
 * ranges, bins) shapes the training-time transformation and is read and ignored. MaxNumBoundingBoxes, which pads or
 * truncates bounding boxes (whose dicts keras4j does not take), gives images unchanged too; its options concern the boxes.
 */
final class AugmentationTranslator implements LayerTranslator {
    /** The layer classes this translator takes: those Keras 3.15.1 gives their input unchanged at inference. */
    static final List<String> CLASSES = List.of("RandomFlip", "RandomRotation", "RandomZoom", "RandomTranslation",
            "RandomContrast", "RandomBrightness", "RandomGrayscale", "RandomHue", "RandomSaturation", "RandomSharpness",
            "RandomColorJitter", "RandomColorDegeneration", "RandomInvert", "RandomPosterization", "RandomErasing",
            "RandomGaussianBlur", "RandomPerspective", "RandomElasticTransform", "Solarization", "RandAugment", "AugMix",
            "CutMix", "MixUp", "Equalization", "MaxNumBoundingBoxes");

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        config.layer().config().fieldNames().forEachRemaining(config::ignore);
        if (t.inputs().size() != 1) {
            config.problem("expects 1 input, got " + t.inputs().size());
        }
        return List.of(t.inputs().get(0));
    }
}
