package io.keras4j.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keras4j.runtime.Model;
import io.keras4j.runtime.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad model files and bad inputs give errors that name the file, the layer, the option and the value. */
class ErrorMessagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SEED_KERAS = TestData.caseDir("seed_lstm16_keras").resolve("model.keras");
    private static final Path SEED_H5 = TestData.caseDir("seed_lstm16_h5").resolve("model.h5");

    /** The seed .keras model with its config.json edited, as bytes. */
    private static byte[] editedArchive(Consumer<JsonNode> edit) throws IOException {
        return editedArchive(SEED_KERAS, edit);
    }

    /** A .keras model with its config.json edited, as bytes. */
    private static byte[] editedArchive(Path archive, Consumer<JsonNode> edit) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(archive));
             ZipOutputStream out = new ZipOutputStream(bytes)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] content = in.readAllBytes();
                if (e.getName().equals("config.json")) {
                    JsonNode config = JSON.readTree(content);
                    edit.accept(config);
                    content = JSON.writeValueAsBytes(config);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(content);
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static JsonNode layerNamed(JsonNode model, String name) {
        for (JsonNode l : model.path("config").path("layers")) {
            if ((l.has("name") ? l.path("name") : l.path("config").path("name")).asText().equals(name)) {
                return l;
            }
        }
        throw new AssertionError("no layer " + name);
    }

    private static ObjectNode layer(JsonNode model, String className) {
        for (JsonNode l : model.path("config").path("layers")) {
            if (l.path("class_name").asText().equals(className)) {
                return (ObjectNode) l;
            }
        }
        throw new AssertionError("no " + className + " in the seed model");
    }

    @Test
    void listsEveryProblemOfAModelAtOnce() throws IOException {
        byte[] model = editedArchive(m -> {
            ObjectNode lstm = (ObjectNode) layer(m, "LSTM").get("config");
            lstm.put("activation", "no_such_activation");
            lstm.put("time_major", true);
            layer(m, "Dense").put("class_name", "MysteryLayer");
        });
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model, "edited.keras"));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().startsWith("edited.keras: 3 problems"), e.getMessage());
        assertTrue(e.getMessage().contains("(LSTM): option activation='no_such_activation' is not a supported activation"), e.getMessage());
        assertTrue(e.getMessage().contains("(LSTM): option time_major=true is not supported"), e.getMessage());
        assertTrue(e.getMessage().contains("(MysteryLayer): layer class MysteryLayer is not supported"), e.getMessage());
    }

    /** MelSpectrogram names the options and values it does not compute as Keras does. */
    @Test
    void melSpectrogramNamesTheOptionsItRefuses() throws IOException {
        Path mel = TestData.caseDir("mel_spectrogram_conv_gru_func_keras").resolve("model.keras");
        byte[] edited = editedArchive(mel, m -> {
            ObjectNode config = (ObjectNode) layer(m, "MelSpectrogram").get("config");
            config.putArray("window").add(0.5).add(1.0);
            config.putNull("top_db");
        });
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(edited, "edited.keras"));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("(MelSpectrogram): option window=[0.5,1.0] is not supported (hann, hamming or"
                + " None)"), e.getMessage());
        assertTrue(e.getMessage().contains("(MelSpectrogram): option top_db=None is not supported"), e.getMessage());
    }

    /** STFTSpectrogram names the options and values it does not compute as Keras does. */
    @Test
    void stftSpectrogramNamesTheOptionsItRefuses() throws IOException {
        Path stft = TestData.caseDir("stft_spectrogram_log_angle_func_keras").resolve("model.keras");
        byte[] edited = editedArchive(stft, m -> {
            ((ObjectNode) layerNamed(m, "stft_spectrogram").get("config")).put("data_format", "channels_first");
            ((ObjectNode) layerNamed(m, "stft_spectrogram_1").get("config")).put("mode", "cepstrum");
        });
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(edited, "edited.keras"));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("layer 'stft_spectrogram' (STFTSpectrogram): option data_format='channels_first'"
                + " is not supported"), e.getMessage());
        assertTrue(e.getMessage().contains("layer 'stft_spectrogram_1' (STFTSpectrogram): option mode='cepstrum' is not"
                + " supported (log, magnitude, psd, real, imag, angle or stft)"), e.getMessage());
    }

    @Test
    void unknownOptionIsRejectedNotIgnored() throws IOException {
        byte[] model = editedArchive(m -> ((ObjectNode) layer(m, "LSTM").get("config")).put("peephole_gates", 3));
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model, "edited.keras"));
        assertTrue(e.getMessage().contains("option peephole_gates=3 is not supported"), e.getMessage());
    }

    @Test
    void lambdaLayerIsRefusedByName() throws IOException {
        byte[] model = editedArchive(m -> layer(m, "Dense").put("class_name", "Lambda"));
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model, "edited.keras"));
        assertTrue(e.getMessage().contains("Lambda holds Python code, which keras4j never runs"), e.getMessage());
    }

    /**
     * Masking -> nested Functional 'inner': Keras records the mask it passes in as Any(NotEqual(input, 0.0)).
     * The same chain over another value, or a cyclic one, is not the mask keras4j derives and is refused.
     */
    @Test
    void maskComputedOtherwiseThanKerasDerivesItIsRefused() throws IOException {
        Path masked = TestData.caseDir("rmask_nested_mask_into_func_lstm_func_keras").resolve("model.keras");
        ModelImporter.load(editedArchive(masked, m -> { }), "unedited.keras");
        byte[] otherValue = editedArchive(masked, m -> ((ArrayNode)
                layer(m, "NotEqual").path("inbound_nodes").get(0).get("args")).set(1, 5.0));
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(otherValue, "edited.keras"));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("layer 'inner' (Functional): is given the mask any[0][0] computed by the Keras"
                + " operation Any, which is not the mask Keras derives"), e.getMessage());
        byte[] cyclic = editedArchive(masked, m -> ((ObjectNode) layer(m, "NotEqual").path("inbound_nodes").get(0)
                .get("args").get(0).get("config")).set("keras_history", JSON.createArrayNode().add("any").add(0).add(0)));
        e = assertThrows(ModelImportException.class, () -> ModelImporter.load(cyclic, "cyclic.keras"));
        assertTrue(e.getMessage().contains("is given the mask any[0][0]"), e.getMessage());
    }

    /** A model Keras runs with a mask keras4j does not apply: refused, with one problem naming the layer. */
    @Test
    void maskComputedByHandIsRefused() {
        Path unsupported = TestData.root().resolve("unsupported");
        ModelImportException hand = assertThrows(ModelImportException.class,
                () -> ModelImporter.load(unsupported.resolve("hand_mask_lstm.keras")));
        assertEquals(1, hand.problems().size(), hand.getMessage());
        assertTrue(hand.getMessage().contains("(LSTM): is given the mask not_equal"), hand.getMessage());
    }

    /** Keras' unrolled loop zeroes a backward layer's outputs by the mask in the wrong order: refused by name. */
    @Test
    void unrolledBackwardMaskedSequenceIsRefused() {
        ModelImportException e = assertThrows(ModelImportException.class,
                () -> ModelImporter.load(TestData.root().resolve("unsupported").resolve("unroll_backwards_masked.keras")));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("(LSTM): option unroll=true is not supported with go_backwards,"
                + " return_sequences, zero_output_for_mask (as inside Bidirectional) and a mask"), e.getMessage());
    }

    /** Keras applies the (batch, time, steps) mask TimeDistributed keeps to an RNN's units one by one: refused. */
    @Test
    void anRnnGivenTheMaskTimeDistributedKeptIsRefused() {
        ModelImportException e = assertThrows(ModelImportException.class,
                () -> ModelImporter.load(TestData.root().resolve("unsupported").resolve("time_distributed_mask_rnn.keras")));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("layer 'rnn' (SimpleRNN): receives the mask a TimeDistributed layer kept from"
                + " its 4-D input, with 2 steps per timestep"), e.getMessage());
    }

    /**
     * The other layers that apply the mask TimeDistributed kept are refused it too: GlobalAveragePooling1D and Softmax (whose
     * 2x2 shapes the reduced mask fitted, so keras4j computed something else), and an RNN after an Add, whose OR is kept.
     */
    @Test
    void everyLayerApplyingTheMaskTimeDistributedKeptIsRefused() {
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(
                TestData.root().resolve("unsupported").resolve("time_distributed_mask_consumers.keras")));
        assertEquals(3, e.problems().size(), e.getMessage());
        String kept = "receives the mask a TimeDistributed layer kept from its 4-D input, with 2 steps per timestep: Keras ";
        assertTrue(e.getMessage().contains("layer 'gap' (GlobalAveragePooling1D): " + kept
                + "broadcasts it against the input, giving another shape, or fails"), e.getMessage());
        assertTrue(e.getMessage().contains("layer 'softmax' (Softmax): " + kept + "applies it to the last axes"), e.getMessage());
        assertTrue(e.getMessage().contains("layer 'rnn' (SimpleRNN): " + kept + "applies it to the state unit by unit"),
                e.getMessage());
    }

    /**
     * A kept mask of one step per timestep broadcasts as a (batch, time) mask in Softmax and RNNs (golden case
     * rmask_masking4d_one_step_td_kept_func_keras), not in these layers; the old code pooled it in GlobalAveragePooling1D.
     */
    @Test
    void aKeptMaskOfOneStepIsRefusedWhereKerasDoesNotBroadcastIt() {
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(
                TestData.root().resolve("unsupported").resolve("time_distributed_mask_one_step.keras")));
        assertEquals(3, e.problems().size(), e.getMessage());
        String kept = "receives the mask a TimeDistributed layer kept from its 4-D input, with 1 step per timestep: Keras ";
        assertTrue(e.getMessage().contains("layer 'gap' (GlobalAveragePooling1D): " + kept + "broadcasts it against the input"),
                e.getMessage());
        assertTrue(e.getMessage().contains("layer 'multiply' (Multiply): " + kept + "expands it by one axis"), e.getMessage());
        assertTrue(e.getMessage().contains("layer 'attention' (Attention): " + kept + "broadcasts it against the scores"),
                e.getMessage());
    }

    /**
     * Keras applies the Concatenate mask it recorded, with a nested model's output unmasked (golden cases
     * rmask_nested_out_concatenated_*); inside a larger recorded mask keras4j refuses it (the old code gave a masked mean).
     */
    @Test
    void aRecordedConcatenateMaskInsideAnotherMaskIsRefused() {
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(
                TestData.root().resolve("unsupported").resolve("nested_output_concatenated_in_add.keras")));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("layer 'gap' (GlobalAveragePooling1D): is given a mask in which a Concatenate's"
                + " mask is only a part; the mask Keras recorded for it counts the Concatenate inputs [embedding[0][0],"
                + " inner[0][0]] as masked [true, false]"), e.getMessage());
    }

    /**
     * Keras' MultiHeadAttention removes its inputs' masks at run time (golden cases multi_head_attention_*): another
     * MultiHeadAttention or an Attention on the same masks, and an attention_mask tensor, are refused by name.
     */
    @Test
    void multiHeadAttentionsSharingMasksAndGivenMasksAreRefused() {
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(
                TestData.root().resolve("unsupported").resolve("multi_head_attention_masks.keras")));
        assertEquals(3, e.problems().size(), e.getMessage());
        String clash = "applies the masks its inputs carry, as 'first' does: Keras' MultiHeadAttention removes its inputs'"
                + " masks at run time, so what the later of the two applies depends on the order Keras runs them in";
        assertTrue(e.getMessage().contains("layer 'second' (MultiHeadAttention): " + clash), e.getMessage());
        assertTrue(e.getMessage().contains("layer 'attention' (Attention): " + clash), e.getMessage());
        assertTrue(e.getMessage().contains("layer 'given_mask' (MultiHeadAttention): is called with attention_mask=a"
                + " tensor, which keras4j does not support"), e.getMessage());
    }

    /**
     * A backward_layer of another class runs (golden cases backward_layer_other_class_*) but not with return_state where the
     * directions hold different numbers of states, which Keras fails to run; the refusal stands for all five outputs.
     */
    @Test
    void aBidirectionalOfLstmAndGruReturningStatesIsRefused() {
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(
                TestData.root().resolve("unsupported").resolve("bidirectional_lstm_gru_states.keras")));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("layer 'bidirectional' (Bidirectional): option return_state=true with a forward"
                + " LSTM and a backward GRU, whose states differ in number: Keras fails to run it"), e.getMessage());
    }

    /**
     * A mask computed after a MultiHeadAttention removed its source (an Add of the attention's input and output, a
     * LayerNormalization) is none in Keras, so a second MultiHeadAttention reading it is refused; the old rule, which
     * compared mask values only, let it apply the mask.
     */
    @Test
    void aMultiHeadAttentionReadingAMaskComputedFromARemovedOneIsRefused() {
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(
                TestData.root().resolve("unsupported").resolve("multi_head_attention_stacked_masked.keras")));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("layer 'second' (MultiHeadAttention): applies the masks its inputs carry, as"
                + " 'first' does: Keras' MultiHeadAttention removes its inputs' masks at run time"), e.getMessage());
    }

    /** Keras 3 operations that would move, index or reduce the batch axis, and unsupported ones, are refused by name. */
    @Test
    void operationsOnTheBatchAxisAndUnsupportedOperationsAreRefused() {
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(
                TestData.root().resolve("unsupported").resolve("operations_refused.keras")));
        assertEquals(10, e.problems().size(), e.getMessage());
        for (String expected : List.of("operation 'get_item' (GetItem): key 0 indexes the batch axis, which keras4j takes whole",
                "operation 'mean' (Mean): option axis=None is not supported (it reduces the batch axis too)",
                "operation 'reshape_2' (Reshape): option newshape=[-1, 3] is not supported for an input of (None, 7, 3)",
                "operation 'vstack' (Vstack): Keras operation Vstack is not supported by keras4j: it joins along the batch"
                        + " axis",
                "operation 'transpose' (Transpose): option axes=null is not supported for an input of rank 3",
                "operation 'concatenate_2' (Concatenate): option axis=0 is the batch axis",
                "operation 'add_2' (Add): is given tensors of ranks 3 and 2",
                "operation 'get_item_2' (GetItem): slice start -3 with step -1 on axis 1 of unknown length is not supported",
                "operation 'sum' (Sum): option axis=[] names no axis",
                "operation 'prod' (Prod): option dtype=\"int32\" is not supported (the input's type only)")) {
            assertTrue(e.getMessage().contains(expected), expected + " in " + e.getMessage());
        }
    }

    /**
     * Splits, flips, digitize, trapezoid, depth_to_space, separable_conv, cross and inner refused by their options or
     * operands: those on the batch axis by name, the others naming the option or argument and its value.
     */
    @Test
    void operationsOnTheBatchAxisAndUnsupportedOptionsAreRefusedByName() {
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(
                TestData.root().resolve("unsupported").resolve("operations_refused_options.keras")));
        for (String expected : List.of("operation 'flipud' (Flipud): Keras operation Flipud is not supported by keras4j",
                "operation 'vsplit' (Vsplit): Keras operation Vsplit is not supported by keras4j",
                "operation 'hsplit' (Hsplit): input of rank 1 is not supported (rank 2 or more: Keras splits a rank-1"
                        + " input along the batch axis)",
                "operation 'array_split' (ArraySplit): option indices_or_sections=7 is not supported for axis 1 of"
                        + " (None, 6, 3) (a count of sections up to a length known at import)",
                "operation 'digitize' (Digitize): bins __numpy__ of dtype float32 and shape (2,) [1.0, 0.0] are not"
                        + " supported (a numpy array or constant tensor of one axis, ascending)",
                "operation 'trapezoid' (Trapezoid): option x=[0.0,1.0,2.0,3.0,4.0,5.0] is not supported with axis=1 (a"
                        + " list of 6 numbers, the axis's length, with axis -1)",
                "operation 'depth_to_space' (DepthToSpace): option block_size=2 does not fit an input of (None, None,"
                        + " None, 8) (a batch of images with known channels divisible by block_size², and the rows or the"
                        + " columns known at import)",
                "operation 'separable_conv' (SeparableConv): pointwise kernel of shape (1, 2, 4) does not fit the"
                        + " depthwise convolution's 3 channels",
                "operation 'cross' (Cross): option axis=1 is not supported (-1, the last axis, only)",
                "operation 'inner' (Inner): is supported on a tensor and a constant matrix or vector (a numpy array or"
                        + " constant tensor), in that order")) {
            assertTrue(e.getMessage().contains(expected), expected + " in " + e.getMessage());
        }
    }

    /** Operations that mix or reshape the batch axis are refused saying so, not as unknown operations. */
    @Test
    void operationsAcrossTheBatchAxisAreRefusedSayingWhy() {
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(
                TestData.root().resolve("unsupported").resolve("operations_refused_batch_axis.keras")));
        String keeps = ", which a keras4j model keeps first and separate (each sample computed on its own)";
        for (String expected : List.of(
                "operation 'diag' (Diag): Keras operation Diag is not supported by keras4j: it takes or builds a diagonal"
                        + " across the batch axis" + keeps,
                "operation 'diagflat' (Diagflat): Keras operation Diagflat is not supported by keras4j: it flattens the"
                        + " batch into one vector and builds a matrix of it" + keeps,
                "operation 'ravel' (Ravel): Keras operation Ravel is not supported by keras4j: it flattens the batch",
                "operation 'vdot' (Vdot): Keras operation Vdot is not supported by keras4j: it flattens both tensors",
                "operation 'psnr' (PSNR): Keras operation PSNR is not supported by keras4j: it averages the squared error"
                        + " over the whole batch",
                "operation 'flipud' (Flipud): Keras operation Flipud is not supported by keras4j: it reverses the batch",
                "operation 'vsplit' (Vsplit): Keras operation Vsplit is not supported by keras4j: it splits along the"
                        + " batch axis" + keeps,
                "operation 'vstack' (Vstack): Keras operation Vstack is not supported by keras4j: it joins along the"
                        + " batch axis" + keeps,
                "operation 'outer' (Outer): Keras operation Outer is not supported by keras4j: it flattens both tensors,"
                        + " batch included, into one outer product" + keeps)) {
            assertTrue(e.getMessage().contains(expected), expected + " in " + e.getMessage());
        }
        assertFalse(e.getMessage().contains("(supported: "), e.getMessage());
    }

    /**
     * Linear algebra whose answer is a convention of LAPACK's (qr, svd, eig, eigh), and operations keras4j does not compute
     * yet (pinv), are refused saying why; an rfft longer than keras4j transforms names its option and value, an stft of
     * too few samples to reflect-pad names the sizes, a bitwise operation on tensors of two integer types names them.
     */
    @Test
    void linearAlgebraByConventionAndUnsupportedTransformsAreRefusedSayingWhy() {
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(
                TestData.root().resolve("unsupported").resolve("operations_refused_linear_algebra.keras")));
        for (String expected : List.of("operation 'qr' (Qr): Keras operation Qr is not supported by keras4j: the signs of"
                        + " its factors' columns and rows are LAPACK's convention, not unique",
                "operation 'svd' (SVD): Keras operation SVD is not supported by keras4j: the signs of its singular"
                        + " vectors are LAPACK's convention",
                "operation 'eig' (Eig): Keras operation Eig is not supported by keras4j: its eigenvectors' scale",
                "operation 'eigh' (Eigh): Keras operation Eigh is not supported by keras4j: the signs of its eigenvectors",
                "operation 'stft' (STFT): takes frames of 16 values from the last axis of an input of (None, 8); keras4j"
                        + " needs rank 2 or more and the axis's length, known at import, above fft_length / 2 (reflect"
                        + " padding)",
                "operation 'pinv' (Pinv): Keras operation Pinv is not supported by keras4j: keras4j does not compute it",
                "operation 'rfft' (RFFT): option fft_length=70000 is not supported (None or an int from 1 to 65536)",
                "operation 'bitwise_and' (BitwiseAnd): is given tensors of dtype int8 and int32; keras4j needs one of int8,"
                        + " int16, int32, int64, uint8, uint16 and uint32, the same for all")) {
            assertTrue(e.getMessage().contains(expected), expected + " in " + e.getMessage());
        }
    }

    /**
     * Constant arrays keras4j cannot take, as {@code __tensor__} and {@code __numpy__} arguments: one whose first
     * dimension would meet the batch axis, a dtype that holds no numbers, a value its dtype cannot hold, a bool index.
     * Each is quoted briefly (dtype, shape, first values), not whole; a numpy array of bools is taken as a tensor's.
     */
    @Test
    void unsupportedConstantArraysAreQuotedBriefly() throws IOException {
        Path constants = TestData.caseDir("ops_tensor_constants_func_keras").resolve("model.keras");
        ModelImporter.load(editedArchive(constants, m -> ((ObjectNode) layerNamed(m, "where").path("inbound_nodes").get(0)
                .get("args").get(0)).put("class_name", "__numpy__")), "numpy_condition.keras");
        byte[] edited = editedArchive(constants, m -> {
            ArrayNode big = JSON.createArrayNode(); // (2, 6, 5): its first dimension would meet the batch axis
            for (int i = 0; i < 2; i++) {
                ArrayNode matrix = big.addArray();
                for (int r = 0; r < 6; r++) {
                    ArrayNode row = matrix.addArray();
                    for (int c = 0; c < 5; c++) {
                        row.add(6 * i + r + c / 10.0);
                    }
                }
            }
            constantArgument(m, "add_1", 1).set("value", big);
            constantArgument(m, "multiply", 1).put("dtype", "string");
            ((ArrayNode) constantArgument(m, "take", 1).get("value").get(0)).set(1, 1.5);
            constantArgument(m, "take_along_axis", 1).put("dtype", "bool");
        });
        ModelImportException e = assertRefused(edited, "operation 'add_1' (Add): argument __tensor__ of dtype float32 and shape (2, 6, 5)"
                        + " [0.0, 0.1, 0.2, 0.3, 0.4, 1.0, ...] is not supported (a tensor, a number, or a numpy array or"
                        + " constant tensor of numbers or bools of lower rank than the tensors' 3, or of that rank with a"
                        + " first dimension of 1)",
                "operation 'multiply' (Multiply): argument __tensor__ of dtype string and shape (5,) [1.0, -2.0, 0.5, 3.0,"
                        + " 0.25] is not supported",
                "operation 'take' (Take): indices __tensor__ of dtype int64 and shape (2, 2) [0, 1.5, -1, 2] are not"
                        + " supported (integers: a number, a nested list, or a numpy array or constant tensor of an"
                        + " integer dtype)",
                "operation 'take_along_axis' (TakeAlongAxis): indices __tensor__ of dtype bool and shape (1, 3, 1) [1, 0,"
                        + " -1] are not supported");
        assertTrue(e.getMessage().length() < 1500, e.getMessage());
    }

    /**
     * ops.layer_normalization refuses a tensor gamma of another rank than x's, a constant beta of another length and axis
     * None by name, each where it is given.
     */
    @Test
    void layerNormalizationOperationRefusesOtherRanksLengthsAndAxisNone() throws IOException {
        byte[] edited = editedCase("ops_layer_normalization_func_keras", m -> {
            ObjectNode pooled = (ObjectNode) arguments(m, "dense_1").get(0).deepCopy();
            arguments(m, "layer_norm_1").set(1, pooled);
            ((ArrayNode) arguments(m, "layer_norm_2").get(2).get("config").get("value")).add(1.0);
            ((ObjectNode) layerNamed(m, "layer_norm_4").get("config")).putNull("axis");
        });
        assertRefused(edited, "operation 'layer_norm_1' (LayerNorm): is given tensors of ranks 3 and 2",
                "operation 'layer_norm_2' (LayerNorm): argument beta __numpy__ of dtype float32 and shape (9,)",
                "operation 'layer_norm_4' (LayerNorm): option axis=None is not supported");
    }

    /** Rearranging operations refuse what would move the batch axis, and two turns Keras reflows, by name. */
    @Test
    void rearrangingOperationsRefuseTheBatchAxisAndReflowedTurns() throws IOException {
        byte[] edited = editedCase("ops_rearrange_func_keras", m -> {
            ((ObjectNode) layerNamed(m, "append").get("config")).putNull("axis");
            ((ObjectNode) layerNamed(m, "rot90").get("config")).put("k", 2);
            ((ObjectNode) layerNamed(m, "rot90_1").get("config")).putArray("axes").add(0).add(1);
            ((ObjectNode) layerNamed(m, "broadcast_to").get("config")).putArray("shape").add(3).add(4).add(5).add(1);
        });
        assertRefused(edited, "operation 'append' (Append): option axis=None is not supported (it flattens the batch"
                        + " axis in)",
                "operation 'rot90' (Rot90): option k=2 is not supported on sides 4 and 3 (Keras' TensorFlow backend"
                        + " reflows the values of a plane that is not square)",
                "operation 'rot90_1' (Rot90): option axes=0 is the batch axis",
                "operation 'broadcast_to' (BroadcastTo): option shape=[3,4,5,1] is not supported for an input of"
                        + " (None, 4, 1)");
    }

    /** Convolution, image, update and diagonal operations refuse a tensor kernel and counts that do not fit, by name. */
    @Test
    void imageAndUpdateOperationsRefuseWhatDoesNotFit() throws IOException {
        byte[] conv = editedCase("ops_pool_conv_func_keras", m -> arguments(m, "conv").set(1,
                arguments(m, "conv").get(0).deepCopy()));
        assertRefused(conv, "operation 'conv' (Conv): expects a tensor and a constant kernel as positional arguments");
        byte[] edited = editedCase("ops_image_crop_pad_func_keras", m -> ((ObjectNode) layerNamed(m, "crop_images")
                .get("config")).put("target_height", 9));
        assertRefused(edited, "operation 'crop_images' (CropImages): options top_cropping=1, bottom_cropping=null and"
                + " target_height=9 do not fit an image side of 6");
        byte[] update = editedCase("ops_update_diagonal_func_keras", m -> {
            ((ObjectNode) layerNamed(m, "diagonal").get("config")).put("offset", 3);
            arguments(m, "slice_update").set(1, arguments(m, "slice_update").arrayNode().add(0).add(1));
        });
        assertRefused(update, "operation 'diagonal' (Diagonal): options axis1=2, axis2=3 and offset=3 are not supported"
                        + " for an input of (None, 2, 3, 3) (two different axes of sizes known at import, an offset inside"
                        + " their plane)",
                "operation 'slice_update' (SliceUpdate): updates of shape (None, 3, 2) from start [0, 1] do not fit x"
                        + " of shape (None, 5, 4)");
    }

    /** ops.dot_product_attention refuses flash attention, a logits soft cap and a tensor scale by name. */
    @Test
    void dotProductAttentionRefusesWhatTensorFlowCannotRun() throws IOException {
        byte[] edited = editedCase("ops_dot_product_attention_func_keras", m -> {
            ((ObjectNode) layerNamed(m, "dot_product_attention").get("config")).put("flash_attention", true);
            ((ObjectNode) layerNamed(m, "dot_product_attention_1").get("config")).put("attn_logits_soft_cap", 30.0);
            ObjectNode call = (ObjectNode) layerNamed(m, "dot_product_attention_2").path("inbound_nodes").get(0);
            ((ObjectNode) call.get("kwargs")).set("scale", call.get("args").get(0).deepCopy());
        });
        assertRefused(edited, "operation 'dot_product_attention' (DotProductAttention): option"
                        + " flash_attention=true is not supported (Keras' TensorFlow backend refuses it)",
                "operation 'dot_product_attention_1' (DotProductAttention): option attn_logits_soft_cap=30.0 is not"
                        + " supported (Keras runs it only with JAX on a TPU)",
                "operation 'dot_product_attention_2' (DotProductAttention): argument scale {\"class_name\":"
                        + "\"__keras_tensor__\"");
    }

    /** ops.slice refuses a slice of the batch axis and one past the end of an axis known at import, naming the values. */
    @Test
    void sliceOperationRefusesTheBatchAxisAndSlicesPastTheEnd() throws IOException {
        byte[] edited = editedCase("ops_slice_func_keras", m -> {
            ((ArrayNode) layerNamed(m, "slice_1").get("config").get("shape")).set(1, 6);
            ((ArrayNode) arguments(m, "slice_2").get(1)).set(0, 1);
        });
        assertRefused(edited, "operation 'slice_1' (Slice): slice of 6 from 1 on axis 1 is not supported for an"
                        + " input of shape (None, 6, 5)",
                "operation 'slice_2' (Slice): slices the batch axis (start 1, size -1), which keras4j takes whole");
    }

    /** ops.image.resize refuses a size that is not a positive height and width, and antialias, by name. */
    @Test
    void imageResizeOperationRefusesAnEmptySizeAndAntialias() throws IOException {
        byte[] edited = editedCase("ops_image_resize_func_keras", m -> {
            ((ArrayNode) layerNamed(m, "resize_1").get("config").get("size")).set(0, 0);
            ((ObjectNode) layerNamed(m, "resize_2").get("config")).put("antialias", true);
        });
        assertRefused(edited, "operation 'resize_1' (Resize): option size=[0,4] is not supported (a height and a width"
                + " from 1 to 16777216)", "operation 'resize_2' (Resize): option antialias=true is not supported");
    }

    /** ops.unstack refuses the batch axis and a num other than the axis's length by name. */
    @Test
    void unstackOperationRefusesTheBatchAxisAndAnotherNum() throws IOException {
        byte[] edited = editedCase("ops_unstack_func_keras", m -> {
            ((ObjectNode) layerNamed(m, "unstack_1").get("config")).put("axis", 0);
            ((ObjectNode) layerNamed(m, "unstack_2").get("config")).put("num", 3);
        });
        assertRefused(edited, "operation 'unstack_1' (Unstack): option axis=0 is the batch axis",
                "operation 'unstack_2' (Unstack): option num=3 is not supported for axis 3 of (None, 6, 3, 2, 4) (None or"
                        + " the axis's length, known at import)");
    }

    /** ops.take of a constant table at indices from a tensor refuses an axis other than the table's first, by name. */
    @Test
    void takeFromAConstantTableRefusesAnotherAxis() throws IOException {
        byte[] edited = editedCase("ops_take_lookup_func_keras", m -> ((ObjectNode) layerNamed(m, "take").get("config")).put("axis", 1));
        assertRefused(edited, "operation 'take' (Take): option axis=1 is not supported with a constant x and indices from"
                + " a tensor (0 or None: the indices' batch axis stays first)");
    }

    /** ops.image.extract_patches refuses 3-D patches of images and patches too large for its identity kernel, by name. */
    @Test
    void extractPatchesRefusesThreeDimensionalAndHugePatches() throws IOException {
        byte[] edited = editedCase("ops_extract_patches_func_keras", m -> {
            ((ArrayNode) layerNamed(m, "extract_patches_1").get("config").get("size")).add(2);
            ((ArrayNode) layerNamed(m, "extract_patches_1").get("config").get("strides")).add(1);
            ObjectNode config = (ObjectNode) layerNamed(m, "extract_patches_2").get("config");
            config.putArray("size").add(40).add(40);
            config.putArray("strides").add(1).add(1);
        });
        assertRefused(edited, "operation 'extract_patches_1' (ExtractPatches): expects input of shape (batch, depth, rows,"
                        + " cols, channels) with known channels, got (None,",
                "operation 'extract_patches_2' (ExtractPatches): takes patches of 4800 values (40 x 40 x 3 channels), more"
                        + " than keras4j accepts (4096: its kernel holds the square)");
    }

    /** ops.batch_normalization refuses a tensor mean and a variance of another length, by name. */
    @Test
    void batchNormalizationOperationRefusesTensorsAndOtherLengths() throws IOException {
        byte[] edited = editedCase("ops_batch_normalization_func_keras", m -> {
            arguments(m, "batch_norm_1").set(1, arguments(m, "batch_norm_1").get(0).deepCopy());
            ((ArrayNode) arguments(m, "batch_norm_2").get(2).get("config").get("value")).add(1.0);
        });
        assertRefused(edited, "operation 'batch_norm_1' (BatchNorm): argument mean (a tensor) is not supported (a numpy"
                        + " array or constant tensor of one value per position of axis 2 of (None, 5, 8))",
                "operation 'batch_norm_2' (BatchNorm): argument variance __numpy__ of dtype float32 and shape (6,)");
    }

    /** ops.tensordot refuses axes other than x's last against the constant's first; ops.dot refuses two tensors. */
    @Test
    void constantProductsRefuseOtherAxesAndTwoTensors() throws IOException {
        byte[] edited = editedCase("ops_constant_products_func_keras", m -> {
            ((ObjectNode) layerNamed(m, "tensordot").get("config")).put("axes", 2);
            arguments(m, "dot").set(1, arguments(m, "dot").get(0).deepCopy());
        });
        assertRefused(edited, "operation 'tensordot' (Tensordot): option axes=2 is not supported (1, or [[-1], [0]]: x's"
                + " last axis against the constant's first)", "operation 'dot' (Dot): is supported on a tensor and a"
                + " constant matrix or vector (a numpy array or constant tensor), in that order");
    }

    /**
     * ops.quantile refuses methods other than linear (Keras ignores them inside a model) and a vector q; saturate_cast
     * refuses uint32; a constant left of a matmul needs a tensor of rank 3 or more.
     */
    @Test
    void quantileSaturateCastAndConstantMatmulRefuseWhatKerasDoesNotComputeAlike() throws IOException {
        byte[] quantile = editedCase("ops_quantile_diagonal_func_keras", m -> {
            ((ObjectNode) layerNamed(m, "quantile").get("config")).put("method", "lower");
            arguments(m, "quantile_1").set(1, arguments(m, "quantile_1").arrayNode().add(0.2).add(0.8));
            arguments(m, "matmul").set(1, arguments(m, "median").get(0).deepCopy());
        });
        assertRefused(quantile, "operation 'quantile' (Quantile): option method=lower is not supported (linear only:"
                + " Keras 3.15.1's Quantile operation ignores its method and computes linear)",
                "operation 'quantile_1' (Quantile): argument q=[0.2,0.8] is not supported (one number from 0 to 1;",
                "operation 'matmul' (Matmul): is supported on a constant matrix or vector times a tensor of rank 3 or more");
        byte[] cast = editedCase("ops_sequences_patches_func_keras", m -> ((ObjectNode) layerNamed(m, "saturate_cast")
                .get("config")).put("dtype", "uint32"));
        assertRefused(cast, "operation 'saturate_cast' (SaturateCast): option dtype=uint32 is not supported by"
                + " saturate_cast");
    }

    /** ops.multi_hot refuses another axis than the last by name (Keras then reduces the classes' axis or another). */
    @Test
    void multiHotRefusesAnotherAxis() throws IOException {
        byte[] edited = editedCase("ops_multi_hot_func_keras", m -> ((ObjectNode) layerNamed(m, "multi_hot")
                .get("config")).put("axis", 1));
        assertRefused(edited, "operation 'multi_hot' (MultiHot): option axis=1 is not supported for an input of rank 2"
                + " (-1, on ids of rank 2 or more: Keras' TensorFlow backend takes the max over axis 1)");
    }

    /** The model of golden case {@code name}, edited. */
    private static byte[] editedCase(String name, Consumer<JsonNode> edit) throws IOException {
        return editedArchive(TestData.caseDir(name).resolve("model.keras"), edit);
    }

    /** The positional arguments of operation {@code name}'s first call. */
    private static ArrayNode arguments(JsonNode model, String name) {
        return (ArrayNode) layerNamed(model, name).path("inbound_nodes").get(0).get("args");
    }

    /** Loading {@code edited} fails with exactly the problems that contain {@code expected}, one each; its exception. */
    private static ModelImportException assertRefused(byte[] edited, String... expected) {
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(edited, "edited.keras"));
        assertEquals(expected.length, e.problems().size(), e.getMessage());
        for (String part : expected) {
            assertTrue(e.getMessage().contains(part), part + " in " + e.getMessage());
        }
        return e;
    }

    /** The config of positional argument {@code index} of operation {@code name}: a {@code __tensor__} or {@code __numpy__}. */
    private static ObjectNode constantArgument(JsonNode model, String name, int index) {
        return (ObjectNode) layerNamed(model, name).path("inbound_nodes").get(0).get("args").get(index).get("config");
    }

    /** Keras broadcasts a channels-first average's mask where its length is not the steps': refused by option and lengths. */
    @Test
    void aChannelsFirstAverageWhoseMaskIsNotOverItsStepsIsRefused() {
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(
                TestData.root().resolve("unsupported").resolve("masked_gap_channels_first.keras")));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("layer 'gap' (GlobalAveragePooling1D): option data_format=channels_first with a"
                + " mask: Keras applies the mask, of length 3 along axis 1, to the steps on axis 2 (length 1)"), e.getMessage());
    }

    @Test
    void quantizationModesAndLayersKeras4jDoesNotRunAreNamed() {
        ModelImportException e = assertThrows(ModelImportException.class,
                () -> ModelImporter.load(TestData.root().resolve("unsupported").resolve("quantized_refused.keras")));
        assertTrue(e.getMessage().contains("layer 'gptq' (Dense): quantization mode gptq/4/-1 is not supported (int8,"
                + " int4/<block size> and float8)"), e.getMessage());
        assertTrue(e.getMessage().contains("layer 'awq' (Dense): quantization mode awq/4/-1 is not supported"),
                e.getMessage());
        assertTrue(e.getMessage().contains("layer 'einsum' (EinsumDense): quantization with equation='abc,bd->acd' is"
                + " not supported (with a scale per output unit or quantized inputs, only an equation whose kernel, its"
                + " axes reordered, contracts the input's last axes as Dense does)"), e.getMessage());
        assertEquals(3, e.problems().size(), e.getMessage());
    }

    /** Keras quantizes an Embedding to int8 or int4 only: a float8 one (an edited policy) is refused by name. */
    @Test
    void float8EmbeddingIsRefusedByName() throws IOException {
        Path int4 = TestData.root().resolve("cases").resolve("quantized_int4_func_keras").resolve("model.keras");
        byte[] model = editedArchive(int4, m -> {
            ObjectNode table = (ObjectNode) layerNamed(m, "table_channels").path("config");
            ((ObjectNode) table.path("dtype").path("config")).put("mode", "float8");
            table.putNull("quantization_config");
        });
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model, "edited.keras"));
        assertTrue(e.getMessage().contains("layer 'table_channels' (Embedding): quantization mode float8 is not supported"
                + " for an Embedding (Keras quantizes one to int8 or int4)"), e.getMessage());
    }

    @Test
    void unmergedLoraFactorsAreNamed() {
        ModelImportException e = assertThrows(ModelImportException.class,
                () -> ModelImporter.load(TestData.root().resolve("unsupported").resolve("lora_dense.h5")));
        assertTrue(e.getMessage().contains("(Dense): expected 2 weight arrays (kernel, bias) but the file holds 4"), e.getMessage());
        assertTrue(e.getMessage().contains("with lora_rank=2 the file holds the LoRA factors apart"), e.getMessage());
    }

    @Test
    void timeDistributedOverAModelIsRefusedByName() throws IOException {
        byte[] model = editedArchive(m -> {
            ObjectNode dense = layer(m, "Dense");
            ObjectNode inner = JSON.createObjectNode().put("class_name", "Sequential");
            inner.putObject("config").put("name", "inner").putArray("layers");
            dense.put("class_name", "TimeDistributed");
            ((ObjectNode) dense.get("config")).set("layer", inner);
        });
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model, "edited.keras"));
        assertTrue(e.getMessage().contains("(TimeDistributed): wraps the model 'inner' (Sequential); keras4j runs"
                + " TimeDistributed over a single layer only"), e.getMessage());
    }

    /** An RNN over a cell class keras4j has no layer for, and stacked cells with stateful, are refused by name. */
    @Test
    void rnnCellsWithoutALayerAndStatefulStackedCellsAreRefused() throws IOException {
        Path rnn = TestData.root().resolve("cases").resolve("rnn_cells_masked_func_keras").resolve("model.keras");
        byte[] peephole = editedArchive(rnn, m -> ((ObjectNode) layerNamed(m, "rnn_lstm_cell").path("config").path("cell"))
                .put("class_name", "PeepholeLSTMCell"));
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(peephole, "edited.keras"));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("layer 'rnn_lstm_cell' (RNN): cell class PeepholeLSTMCell is not supported"
                + " (LSTMCell, GRUCell, SimpleRNNCell, or a list of them)"), e.getMessage());
        byte[] stateful = editedArchive(rnn, m -> ((ObjectNode) layerNamed(m, "rnn_stacked").get("config")).put("stateful", true));
        e = assertThrows(ModelImportException.class, () -> ModelImporter.load(stateful, "edited.keras"));
        assertTrue(e.getMessage().contains("layer 'rnn_stacked' (RNN): option stateful=true is not supported with stacked"
                + " cells"), e.getMessage());
    }

    /** 2-D layers name what they cannot run: strides with dilation, a bilinear upsampling, malformed padding. */
    @Test
    void twoDimensionalLayerOptionsKerasOrKeras4jRefuseAreNamed() throws IOException {
        Path conv = TestData.root().resolve("cases").resolve("conv2d_heads_func_keras").resolve("model.keras");
        byte[] dilated = editedArchive(conv, m -> ((ObjectNode) layerNamed(m, "conv_1").get("config"))
                .set("dilation_rate", JSON.createArrayNode().add(2).add(1)));
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(dilated, "edited.keras"));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("layer 'conv_1' (Conv2D): strides=[2, 1] together with dilation_rate=[2, 1] is not"
                + " supported (Keras refuses it too)"), e.getMessage());
        Path padded = TestData.root().resolve("cases").resolve("pad_crop_upsample2d_func_keras").resolve("model.keras");
        byte[] lanczos = editedArchive(padded, m -> {
            ((ObjectNode) layer(m, "UpSampling2D").get("config")).put("interpolation", "lanczos3");
            ((ObjectNode) layer(m, "ZeroPadding2D").get("config")).set("padding",
                    JSON.createArrayNode().add(1).add(2).add(3));
        });
        e = assertThrows(ModelImportException.class, () -> ModelImporter.load(lanczos, "edited.keras"));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("(UpSampling2D): option interpolation='lanczos3' is not supported (bilinear, nearest"
                + " or bicubic)"), e.getMessage());
        assertTrue(e.getMessage().contains("(ZeroPadding2D): option padding=[1,2,3] must be an int, 2 ints or 2 pairs of"
                + " non-negative ints"), e.getMessage());
    }

    /**
     * A translator stopped by a bad option names that option only: options it reads after the stop are not also called
     * unsupported (helper-61's probe of every option of every golden layer found these).
     */
    @Test
    void aStopAtOneBadOptionDoesNotCallTheOthersUnsupported() throws IOException {
        String[][] cases = {
            {"unet3d_conv3d_transpose_func_keras", "Conv3DTranspose", "output_padding", "[2,2,2]", "option output_padding=[2,2,2] must be"},
            {"grouped_query_attention_func_keras", "GroupQueryAttention", "num_key_value_heads", "3", "does not divide"},
            {"grouped_query_attention_func_keras", "GroupQueryAttention", "num_query_heads", "\"bogus\"", "num_query_heads=\"bogus\""},
            {"normalization_configured_func_keras", "Normalization", "axis", "7", "axis"},
            {"dot_luong_attention_func_keras", "Dot", "axes", "[0,2,1]", "must be one axis or two"},
        };
        for (String[] c : cases) {
            Path archive = TestData.caseDir(c[0]).resolve("model.keras");
            byte[] edited = editedArchive(archive, m -> ((ObjectNode) layer(m, c[1]).get("config")).set(c[2], json(c[3])));
            ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(edited, "edited.keras"));
            assertTrue(e.getMessage().contains(c[4]), e.getMessage());
            assertEquals(1, e.problems().size(), e.getMessage());
        }
    }

    /** A channels_first ConvLSTM with a row-wise activation is refused: Keras applies it along a spatial axis. */
    @Test
    void aChannelsFirstConvLstmWithSoftmaxIsRefused() throws IOException {
        Path archive = TestData.caseDir("conv_lstm2d_channels_first_func_keras").resolve("model.keras");
        byte[] edited = editedArchive(archive, m -> ((ObjectNode) layer(m, "ConvLSTM2D").get("config")).put("activation",
                "softmax"));
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(edited, "edited.keras"));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("option activation=softmax is not supported with data_format='channels_first'"),
                e.getMessage());
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A configured mean spread over an absurd declared axis is refused by name, not allocated (a fuzz find). */
    @Test
    void aConfiguredNormalizationOverAnAbsurdAxisIsRefused() throws IOException {
        Path normalization = TestData.root().resolve("cases").resolve("normalization_configured_func_keras").resolve("model.keras");
        byte[] absurd = editedArchive(normalization, m -> ((ObjectNode) layer(m, "InputLayer").get("config"))
                .set("batch_shape", JSON.createArrayNode().addNull().add(Integer.MAX_VALUE).add(3)));
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(absurd, "edited.keras"));
        assertTrue(e.getMessage().contains("option mean spread over the kept axes' sizes [2147483647, 3] would hold more than"
                + " keras4j's limit of 16777216 values"), e.getMessage());
    }

    /** A declared dimension that is not a whole int (a fuzz find read 1e308 as 2^31-1) is refused where it is read. */
    @Test
    void aDimensionThatIsNotAWholeIntIsRefused() throws IOException {
        for (JsonNode bad : List.of(JSON.getNodeFactory().numberNode(1e308), JSON.getNodeFactory().numberNode(2.5),
                JSON.getNodeFactory().textNode("x"), JSON.getNodeFactory().numberNode(-3))) {
            byte[] edited = editedArchive(m -> ((ObjectNode) layer(m, "InputLayer").get("config"))
                    .set("batch_shape", JSON.createArrayNode().addNull().add(10).add(bad)));
            ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(edited, "edited.keras"));
            assertTrue(e.getMessage().contains("declares batch_shape [null,10," + bad + "]: dimension 2 is " + bad
                    + ", expected null or a whole number from 0 to 2147483647"), e.getMessage());
        }
    }

    @Test
    void weightsThatDisagreeWithTheConfigAreNamed() throws IOException {
        byte[] model = editedArchive(m -> ((ObjectNode) layer(m, "LSTM").get("config")).put("units", 17));
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model, "edited.keras"));
        assertTrue(e.getMessage().contains("kernel") && e.getMessage().contains("(1, 64)")
                && e.getMessage().contains("(1, 68)"), e.getMessage());
    }

    @Test
    void notAModelFile(@TempDir Path dir) throws IOException {
        Path text = dir.resolve("model.h5");
        Files.writeString(text, "this is not a model", StandardCharsets.UTF_8);
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(text));
        assertTrue(e.getMessage().startsWith(text + ": not a model file"), e.getMessage());
    }

    @Test
    void missingFile(@TempDir Path dir) {
        assertThrows(NoSuchFileException.class, () -> ModelImporter.load(dir.resolve("absent.h5")));
    }

    /** A damaged file is a model keras4j cannot import, in any format, read in this JVM or in a child one. */
    @Test
    void truncatedH5(@TempDir Path dir) throws IOException {
        byte[] full = Files.readAllBytes(SEED_H5);
        Path cut = dir.resolve("cut.h5");
        Files.write(cut, Arrays.copyOf(full, full.length / 3));
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(cut));
        assertEquals(cut.toString(), e.file());
        assertTrue(e.summary().contains("truncated file"), e.getMessage());
        ModelImportException isolated = assertThrows(ModelImportException.class,
                () -> ModelImporter.load(cut, ImportOptions.isolated()));
        assertEquals(e.getMessage(), isolated.getMessage());
        assertTrue(String.valueOf(isolated.getCause()).contains("truncated file"), "the child's trace is the cause");
    }

    @Test
    void damagedNativeFile(@TempDir Path dir) throws IOException {
        Path k4j = dir.resolve("model.k4j");
        io.keras4j.runtime.io.NativeModel.write(ModelImporter.readGraph(SEED_H5), null, k4j);
        byte[] bytes = Files.readAllBytes(k4j);
        bytes[bytes.length / 2] ^= 1;
        Files.write(k4j, bytes);
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(k4j));
        assertEquals("checksum mismatch: the file is damaged", e.summary());
    }

    @Test
    void quantizedLayersKeras4jDoesNotRunAndStrayQuantizationConfigsAreRefusedByName() throws IOException {
        byte[] model = editedArchive(m -> {
            ((ObjectNode) layer(m, "Dense").get("config")).putObject("quantization_config").put("mode", "int8");
            ObjectNode policy = ((ObjectNode) layer(m, "LSTM").get("config")).putObject("dtype");
            policy.put("class_name", "QuantizedDTypePolicy").putObject("config").put("mode", "int8")
                    .put("source_name", "float32");
        });
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model, "edited.keras"));
        assertTrue(e.getMessage().contains("(Dense): option quantization_config={\"mode\":\"int8\"} is not supported"
                + " (the layer's dtype policy is not quantized)"), e.getMessage());
        assertTrue(e.getMessage().contains("(LSTM): option dtype=int8_from_float32 is not supported (Keras quantized this"
                + " layer; keras4j runs int8-quantized Dense, EinsumDense and Embedding layers)"), e.getMessage());
    }

    @Test
    void lowerPrecisionDtypePoliciesAreRefusedByName() throws IOException {
        byte[] model = editedArchive(m -> {
            ((ObjectNode) layer(m, "LSTM").get("config")).putObject("dtype").put("module", "keras")
                    .put("class_name", "DTypePolicy").putObject("config").put("name", "bfloat16");
            ((ObjectNode) layer(m, "Dense").get("config")).put("dtype", "float16");
        });
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model, "edited.keras",
                ImportOptions.inProcess().withMixedPrecisionInFloat32(true)));
        assertTrue(e.getMessage().contains("(LSTM): option dtype=bfloat16 is not supported (keras4j computes in"
                + " float32; Keras computes this layer in a lower precision)"), e.getMessage());
        assertTrue(e.getMessage().contains("(Dense): option dtype=float16 is not supported"), e.getMessage());
    }

    /** Keras 3's DTypePolicy and tf.keras' Policy objects alike; the option computes such layers in float32. */
    @Test
    void mixedPrecisionPoliciesNeedTheImportOption() throws IOException {
        byte[] model = editedArchive(m -> {
            ((ObjectNode) layer(m, "LSTM").get("config")).putObject("dtype").put("module", "keras")
                    .put("class_name", "DTypePolicy").putObject("config").put("name", "mixed_bfloat16");
            ((ObjectNode) layer(m, "Dense").get("config")).putObject("dtype").put("class_name", "Policy")
                    .putObject("config").put("name", "mixed_float16");
        });
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model, "edited.keras"));
        String why = " is not supported by default (Keras computes this layer in 16 bits, whose roundings keras4j does not"
                + " reproduce; the import option mixed_precision_in_float32, ImportOptions.withMixedPrecisionInFloat32(true)"
                + " or --mixed-precision-in-float32, computes it in float32, with results that differ from Keras' by those"
                + " roundings)";
        assertTrue(e.getMessage().contains("(LSTM): option dtype=mixed_bfloat16" + why), e.getMessage());
        assertTrue(e.getMessage().contains("(Dense): option dtype=mixed_float16" + why), e.getMessage());
        Tensor x = CaseFolder.open(SEED_KERAS.getParent()).inputs().get(0);
        assertArrayEquals(ModelImporter.load(SEED_KERAS).predict(x).toArray(), ModelImporter.load(model, "edited.keras",
                ImportOptions.inProcess().withMixedPrecisionInFloat32(true)).predict(x).toArray());
    }

    @Test
    void truncatedArchive(@TempDir Path dir) throws IOException {
        byte[] full = Files.readAllBytes(SEED_KERAS);
        Path cut = dir.resolve("cut.keras");
        Files.write(cut, Arrays.copyOf(full, full.length / 2));
        IOException e = assertThrows(IOException.class, () -> ModelImporter.load(cut));
        assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
    }

    /** {@code x[:, 4]} on steps of unknown length: Keras fails on 3 steps, and keras4j names the index and the axis. */
    @Test
    void anIndexOutsideAnAxisOfUnknownLengthIsNamedAtRunTime() throws IOException {
        Model model = ModelImporter.load(TestData.root().resolve("unsupported").resolve("index_unknown_length.keras"));
        float[] steps = new float[2 * 6 * 3];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = i;
        }
        Tensor y = model.predict(Tensor.of(steps, 2, 6, 3));
        assertEquals(13f, y.get(0, 0));
        assertEquals(32f, y.get(1, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.predict(Tensor.of(new float[2 * 3 * 3], 2, 3, 3)));
        assertTrue(e.getMessage().contains("index 4 is out of range for axis 1 of size 3"), e.getMessage());
    }

    @Test
    void badInputsNameExpectedAndGiven() throws IOException {
        Model model = ModelImporter.load(SEED_H5);
        String input = model.inputs().get(0).name();
        IllegalArgumentException features = assertThrows(IllegalArgumentException.class,
                () -> model.predict(Tensor.of(new float[2 * 10 * 3], 2, 10, 3)));
        assertEquals("input '" + input + "' expects shape (None, 10, 1) but was given (2, 10, 3)", features.getMessage());
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> model.predict(Tensor.of(new float[10], 10)));
        assertTrue(rank.getMessage().contains("expects shape (None, 10, 1) but was given (10,)"), rank.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> model.predict(Tensor.of(new float[0], 0, 10, 1)));
        assertTrue(empty.getMessage().contains("empty batch"), empty.getMessage());
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> model.predictAll(Tensor.of(new float[10], 1, 10, 1), Tensor.of(new float[10], 1, 10, 1)));
        assertTrue(count.getMessage().contains("takes 1 input(s)"), count.getMessage());
    }

    @Test
    void nanInputGivesIeeeResultNotAnError() throws IOException {
        Model model = ModelImporter.load(SEED_H5);
        float[] x = new float[10];
        x[3] = Float.NaN;
        assertTrue(Float.isNaN(model.predict(Tensor.of(x, 1, 10, 1)).get(0, 0)));
    }

    /** A Pipeline given a masked input, or holding a layer that makes a mask, is refused by name. */
    @Test
    void aPipelineRefusesMasks() throws IOException {
        ObjectNode masking = JSON.createObjectNode().put("class_name", "Masking");
        masking.putObject("config").put("name", "masking").put("mask_value", 0.0);
        assertRefused(editedCase("pipeline_func_keras", m -> ((ArrayNode) layerNamed(m, "outer_pipeline")
                .path("config").path("layers")).insert(0, masking)),
                "layer 'inner_pipeline' (Pipeline): is given a masked input; keras4j runs a Pipeline on unmasked tensors");
        assertRefused(editedCase("pipeline_func_keras", m -> ((ArrayNode) layerNamed(m, "pipeline")
                .path("config").path("layers")).add(masking)),
                "layer 'pipeline' (Pipeline): holds a layer that makes a mask (Masking, Embedding with mask_zero)");
    }

    /** An AutoContrast value_range of other than two numbers is refused, naming the option and its value. */
    @Test
    void autoContrastRefusesAValueRangeOfOtherThanTwoNumbers() throws IOException {
        assertRefused(editedCase("auto_contrast_func_keras", m -> ((ObjectNode) layerNamed(m, "auto_contrast_1")
                .get("config")).putArray("value_range").add(1)),
                "layer 'auto_contrast_1' (AutoContrast): option value_range=[1] must be two numbers");
    }

    /** A ReversibleEmbedding computing its logits in another dtype is refused, naming the option and its value. */
    @Test
    void reversibleEmbeddingRefusesAnotherReverseDtype() throws IOException {
        assertRefused(editedCase("reversible_embedding_func_keras", m -> ((ObjectNode) layerNamed(m, "untied")
                .get("config")).put("reverse_dtype", "bfloat16")),
                "layer 'untied' (ReversibleEmbedding): option reverse_dtype=bfloat16 is not supported (float32 or None");
    }

    /** A Hashing layer with more buckets than float32 holds exactly is refused, naming the option and its value. */
    @Test
    void hashingRefusesMoreBinsThanFloat32HoldsExactly() throws IOException {
        assertRefused(editedCase("hashing_func_keras", m -> ((ObjectNode) layerNamed(m, "hashing")
                .get("config")).put("num_bins", (1 << 24) + 1)),
                "layer 'hashing' (Hashing): option num_bins=16777217 is larger than keras4j accepts (16777216)");
    }

    /** Keras layers keras4j knows it cannot compute are refused with the reason, not with the supported list. */
    @Test
    void stringAndHashingLayersAreRefusedWithTheirReason() {
        String strings = io.keras4j.importer.keras.layers.Translators.unsupportedReason("TextVectorization");
        assertEquals("layer class TextVectorization is not supported by keras4j: it takes strings, and keras4j's tensors"
                + " hold float32 numbers", strings);
        assertTrue(io.keras4j.importer.keras.layers.Translators.unsupportedReason("HashedCrossing").contains("FarmHash"));
    }
}
