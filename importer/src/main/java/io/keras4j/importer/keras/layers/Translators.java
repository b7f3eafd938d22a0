package io.keras4j.importer.keras.layers;

import io.keras4j.importer.ModelImportException;
import java.util.Map;
import java.util.Set;

/** The translator of each supported Keras layer class. */
public final class Translators {
    private static final LayerTranslator IDENTITY = new IdentityTranslator();
    private static final Map<String, LayerTranslator> BY_CLASS = withAugmentation(Map.ofEntries(
            // recurrent layers
            Map.entry("LSTM", new LstmTranslator()),
            Map.entry("ConvLSTM1D", new ConvLstmTranslator(1)),
            Map.entry("ConvLSTM2D", new ConvLstmTranslator(2)),
            Map.entry("ConvLSTM3D", new ConvLstmTranslator(3)),
            Map.entry("GRU", new GruTranslator()),
            Map.entry("CuDNNLSTM", new CuDnnLstmTranslator()),
            Map.entry("CuDNNGRU", new CuDnnGruTranslator()),
            Map.entry("SimpleRNN", new SimpleRnnTranslator()),
            Map.entry("RNN", new RnnTranslator()),
            Map.entry("Bidirectional", new BidirectionalTranslator()),
            Map.entry("TimeDistributed", new TimeDistributedTranslator()),
            // end of recurrent layers
            // general layers (issue 3)
            Map.entry("Embedding", new EmbeddingTranslator()),
            Map.entry("Masking", new MaskingTranslator()),
            Map.entry("Conv1D", new Conv1DTranslator()),
            Map.entry("DepthwiseConv1D", new SeparableConvTranslator(false, 1)),
            Map.entry("SeparableConv1D", new SeparableConvTranslator(true, 1)),
            Map.entry("Conv1DTranspose", new ConvTransposeTranslator(1)),
            Map.entry("Conv2DTranspose", new ConvTransposeTranslator(2)),
            Map.entry("Conv3DTranspose", new ConvTransposeTranslator(3)),
            Map.entry("MaxPooling1D", new Pooling1DTranslator(true)),
            Map.entry("AdaptiveMaxPooling1D", new AdaptivePoolingTranslator(true, 1)),
            Map.entry("AdaptiveAveragePooling1D", new AdaptivePoolingTranslator(false, 1)),
            Map.entry("AdaptiveMaxPooling2D", new AdaptivePoolingTranslator(true, 2)),
            Map.entry("AdaptiveAveragePooling2D", new AdaptivePoolingTranslator(false, 2)),
            Map.entry("AdaptiveMaxPooling3D", new AdaptivePoolingTranslator(true, 3)),
            Map.entry("AdaptiveAveragePooling3D", new AdaptivePoolingTranslator(false, 3)),
            Map.entry("AveragePooling1D", new Pooling1DTranslator(false)),
            Map.entry("GlobalMaxPooling1D", new GlobalPooling1DTranslator(true)),
            Map.entry("GlobalAveragePooling1D", new GlobalPooling1DTranslator(false)),
            Map.entry("Conv2D", new ConvTranslator(2)),
            Map.entry("Conv3D", new ConvTranslator(3)),
            Map.entry("DepthwiseConv2D", new SeparableConvTranslator(false, 2)),
            Map.entry("SeparableConv2D", new SeparableConvTranslator(true, 2)),
            Map.entry("MaxPooling2D", new PoolingTranslator(true, 2)),
            Map.entry("MaxPooling3D", new PoolingTranslator(true, 3)),
            Map.entry("AveragePooling2D", new PoolingTranslator(false, 2)),
            Map.entry("AveragePooling3D", new PoolingTranslator(false, 3)),
            Map.entry("GlobalMaxPooling2D", new GlobalPoolingTranslator(true, 2)),
            Map.entry("GlobalAveragePooling2D", new GlobalPoolingTranslator(false, 2)),
            Map.entry("GlobalMaxPooling3D", new GlobalPoolingTranslator(true, 3)),
            Map.entry("GlobalAveragePooling3D", new GlobalPoolingTranslator(false, 3)),
            Map.entry("ZeroPadding2D", new SpatialPaddingTranslator(false, 2)),
            Map.entry("Cropping2D", new SpatialPaddingTranslator(true, 2)),
            Map.entry("UpSampling2D", new UpSamplingTranslator(2)),
            Map.entry("ZeroPadding3D", new SpatialPaddingTranslator(false, 3)),
            Map.entry("Cropping3D", new SpatialPaddingTranslator(true, 3)),
            Map.entry("UpSampling3D", new UpSamplingTranslator(3)),
            Map.entry("Resizing", new ResizingTranslator()),
            Map.entry("CenterCrop", new CenterCropTranslator()),
            Map.entry("Flatten", new FlattenTranslator()),
            Map.entry("Reshape", new ReshapeTranslator()),
            Map.entry("RepeatVector", new RepeatVectorTranslator()),
            Map.entry("ZeroPadding1D", new ZeroPadding1DTranslator(false)),
            Map.entry("Cropping1D", new ZeroPadding1DTranslator(true)),
            Map.entry("UpSampling1D", new UpSampling1DTranslator()),
            Map.entry("Permute", new PermuteTranslator()),
            Map.entry("Concatenate", new ConcatenateTranslator()),
            Map.entry("Add", new MergeTranslator(io.keras4j.runtime.ops.Merge.Kind.ADD)),
            Map.entry("Subtract", new MergeTranslator(io.keras4j.runtime.ops.Merge.Kind.SUBTRACT)),
            Map.entry("Multiply", new MergeTranslator(io.keras4j.runtime.ops.Merge.Kind.MULTIPLY)),
            Map.entry("Average", new MergeTranslator(io.keras4j.runtime.ops.Merge.Kind.AVERAGE)),
            Map.entry("Maximum", new MergeTranslator(io.keras4j.runtime.ops.Merge.Kind.MAXIMUM)),
            Map.entry("Minimum", new MergeTranslator(io.keras4j.runtime.ops.Merge.Kind.MINIMUM)),
            Map.entry("BatchNormalization", new BatchNormalizationTranslator()),
            Map.entry("LayerNormalization", new LayerNormalizationTranslator()),
            Map.entry("RMSNormalization", new RmsNormalizationTranslator()),
            Map.entry("Discretization", new DiscretizationTranslator()),
            Map.entry("MelSpectrogram", new MelSpectrogramTranslator()),
            Map.entry("STFTSpectrogram", new StftSpectrogramTranslator()),
            Map.entry("CategoryEncoding", new CategoryEncodingTranslator()),
            Map.entry("IntegerLookup", new IntegerLookupTranslator()),
            Map.entry("SpectralNormalization", new SpectralNormalizationTranslator()),
            Map.entry("Normalization", new NormalizationTranslator()),
            Map.entry("UnitNormalization", new UnitNormalizationTranslator()),
            Map.entry("GroupNormalization", new GroupNormalizationTranslator()),
            Map.entry("Rescaling", new RescalingTranslator()),
            Map.entry("ReLU", new ReluTranslator()),
            Map.entry("LeakyReLU", new LeakyReluTranslator()),
            Map.entry("ELU", new EluTranslator()),
            Map.entry("PReLU", new PReluTranslator()),
            Map.entry("Dot", new DotTranslator()),
            Map.entry("Attention", new AttentionTranslator(false)),
            Map.entry("AdditiveAttention", new AttentionTranslator(true)),
            Map.entry("MultiHeadAttention", new MultiHeadAttentionTranslator(false)),
            Map.entry("GroupQueryAttention", new MultiHeadAttentionTranslator(true)),
            Map.entry("GroupedQueryAttention", new MultiHeadAttentionTranslator(true)), // its class name in an .h5
            Map.entry("Softmax", new SoftmaxTranslator()),
            Map.entry("AutoContrast", new AutoContrastTranslator()),
            Map.entry("ReversibleEmbedding", new ReversibleEmbeddingTranslator()),
            Map.entry("ContrastLimitedAdaptiveHistogramEqualization", new ClaheTranslator()),
            Map.entry("Hashing", new HashingTranslator()),
            // end of general layers (issue 3)
            Map.entry("Dense", new DenseTranslator()),
            Map.entry("EinsumDense", new EinsumDenseTranslator()),
            Map.entry("TimeDistributedDense", new DenseTranslator()),
            Map.entry("Merge", new LegacyMergeTranslator()),
            Map.entry("Activation", new ActivationTranslator()),
            Map.entry("Identity", IDENTITY),
            Map.entry("Dropout", IDENTITY),
            Map.entry("SpatialDropout1D", IDENTITY),
            Map.entry("SpatialDropout2D", IDENTITY),
            Map.entry("SpatialDropout3D", IDENTITY),
            Map.entry("GaussianNoise", IDENTITY),
            Map.entry("GaussianDropout", IDENTITY),
            Map.entry("AlphaDropout", IDENTITY),
            Map.entry("ActivityRegularization", IDENTITY)));
    private static final Set<String> CODE_CARRYING = Set.of("Lambda", "TFOpLambda", "SlicingOpLambda");
    /** Why keras4j refuses Keras layer classes it knows of, for the error message. */
    private static final Map<String, String> REFUSED = Map.of(
            "StringLookup", "it takes strings, and keras4j's tensors hold float32 numbers",
            "TextVectorization", "it takes strings, and keras4j's tensors hold float32 numbers",
            "HashedCrossing", "it hashes crossed features with TensorFlow's FarmHash fingerprint concatenation, which keras4j"
                    + " does not compute",
            "RandomCrop", "Keras 3.15.1 gives its input unchanged at inference although it declares the cropped shape",
            "RandomShear", "Keras 3.15.1 cannot reload a saved model that holds it");

    private Translators() {
    }

    private static Map<String, LayerTranslator> withAugmentation(Map<String, LayerTranslator> layers) {
        Map<String, LayerTranslator> all = new java.util.HashMap<>(layers);
        LayerTranslator augmentation = new AugmentationTranslator();
        AugmentationTranslator.CLASSES.forEach(name -> all.put(name, augmentation));
        return Map.copyOf(all);
    }

    /** The translator for a Keras class name, or null if keras4j does not support it. */
    public static LayerTranslator forClass(String className) {
        return BY_CLASS.get(className);
    }

    /** Why a class without translator is refused, for the error message. */
    public static String unsupportedReason(String className) {
        if (CODE_CARRYING.contains(className)) {
            return "layer class " + className + " holds Python code, which keras4j never runs; replace it with built-in layers";
        }
        if (REFUSED.containsKey(className)) {
            return "layer class " + className + " is not supported by keras4j: " + REFUSED.get(className);
        }
        return "layer class " + className + " is not supported by keras4j" + ModelImportException.SUPPORTED
                + String.join(", ", new java.util.TreeSet<>(BY_CLASS.keySet())) + ")";
    }
}
