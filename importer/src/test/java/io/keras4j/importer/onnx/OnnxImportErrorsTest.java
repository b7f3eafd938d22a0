package io.keras4j.importer.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.keras4j.importer.ModelImportException;
import io.keras4j.importer.ModelImporter;
import io.keras4j.importer.TestData;
import io.keras4j.runtime.Model;
import io.keras4j.runtime.Tensor;
import io.keras4j.importer.onnx.proto.Onnx.AttributeProto;
import io.keras4j.importer.onnx.proto.Onnx.GraphProto;
import io.keras4j.importer.onnx.proto.Onnx.ModelProto;
import io.keras4j.importer.onnx.proto.Onnx.NodeProto;
import io.keras4j.importer.onnx.proto.Onnx.OperatorSetIdProto;
import io.keras4j.importer.onnx.proto.Onnx.StringStringEntryProto;
import io.keras4j.importer.onnx.proto.Onnx.TensorProto;
import io.keras4j.importer.onnx.proto.Onnx.TensorShapeProto;
import io.keras4j.importer.onnx.proto.Onnx.TypeProto;
import io.keras4j.importer.onnx.proto.Onnx.ValueInfoProto;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad and unsupported ONNX models fail with one message naming the file, the nodes, and every problem. */
class OnnxImportErrorsTest {

    private static ValueInfoProto input(String name, long... dims) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (long d : dims) {
            s.addDim(d < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("batch")
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(1).setShape(s))).build();
    }

    private static TensorProto floats(String name, int... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(1);
        int n = 1;
        for (int d : dims) {
            t.addDims(d);
            n *= d;
        }
        for (int i = 0; i < n; i++) {
            t.addFloatData(0.01f * i);
        }
        return t.build();
    }

    private static byte[] model(GraphProto.Builder g) {
        return model(g, 14);
    }

    private static byte[] model(GraphProto.Builder g, int opset) {
        return ModelProto.newBuilder().setIrVersion(8).addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(opset))
                .setGraph(g.setName("g")).build().toByteArray();
    }

    private static AttributeProto attr(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFrom(value, StandardCharsets.UTF_8)).build();
    }

    private static AttributeProto attr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    private static NodeProto.Builder batchNorm(String name, String scale, String out) {
        return NodeProto.newBuilder().setOpType("BatchNormalization").setName(name).addInput("x").addInput(scale)
                .addInput("b").addInput("mean").addInput("var").addOutput(out);
    }

    @Test
    void everyUnsupportedOperatorIsListedEvenAfterAnother() {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", -1, 4))
                .addNode(NodeProto.newBuilder().setOpType("DeformConv").setName("first").addInput("x").addOutput("nz"))
                .addNode(NodeProto.newBuilder().setOpType("Relu").setName("between").addInput("nz").addOutput("r"))
                .addNode(NodeProto.newBuilder().setOpType("Unique").setName("after").addInput("r").addOutput("u"))
                .addOutput(input("u"));
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model(g), "two.onnx"));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("node 'first' (DeformConv): operator DeformConv is not supported"), e.getMessage());
        assertTrue(e.getMessage().contains("node 'after' (Unique): operator Unique is not supported"), e.getMessage());
    }

    @Test
    void operatorsKeras4jWillNotRunAreRefusedWithTheReason() {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", -1, 4))
                .addNode(NodeProto.newBuilder().setOpType("RandomNormalLike").setName("noise").addInput("x").addOutput("n"))
                .addNode(NodeProto.newBuilder().setOpType("SoftmaxCrossEntropyLoss").setName("loss").addInput("n")
                        .addInput("x").addOutput("l"))
                .addNode(NodeProto.newBuilder().setOpType("StringNormalizer").setName("text").addInput("l").addOutput("t"))
                .addOutput(input("t"));
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model(g), "refused.onnx"));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("refused.onnx"), e.getMessage());
        assertTrue(e.getMessage().contains("node 'noise' (RandomNormalLike): operator RandomNormalLike is not supported: it"
                + " draws random numbers, and ONNX Runtime's random stream"), e.getMessage());
        assertTrue(e.getMessage().contains("node 'loss' (SoftmaxCrossEntropyLoss): operator SoftmaxCrossEntropyLoss is not"
                + " supported: it is a training loss"), e.getMessage());
        assertTrue(e.getMessage().contains("node 'text' (StringNormalizer): operator StringNormalizer is not supported: it"
                + " works on strings"), e.getMessage());
    }

    @Test
    void bitwiseOperatorsTakeIntegersOnly() {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", -1, 4))
                .addNode(NodeProto.newBuilder().setOpType("BitShift").setName("shift").addInput("x").addInput("x").addOutput("s")
                        .addAttribute(attr("direction", "LEFT")))
                .addNode(NodeProto.newBuilder().setOpType("BitwiseNot").setName("not").addInput("x").addOutput("n"))
                .addOutput(input("s")).addOutput(input("n"));
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model(g, 18), "bits.onnx"));
        assertTrue(e.getMessage().contains("node 'shift' (BitShift): input 'x' is float, BitShift takes unsigned integers of one"
                + " type"), e.getMessage());
        assertTrue(e.getMessage().contains("node 'not' (BitwiseNot): input 'x' is float, BitwiseNot takes integers of one type"),
                e.getMessage());
    }

    private static NodeProto.Builder microsoft(String op, String name, String... inputs) {
        return NodeProto.newBuilder().setOpType(op).setDomain(Translators.MICROSOFT).setName(name).addAllInput(Arrays.asList(inputs));
    }

    @Test
    void onnxRuntimeOperatorsRefuseWhatKeras4jDoesNotCompute() {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", -1, 4)).addInput(input("s", -1, 3, 4))
                .addInitializer(floats("w", 4, 4)).addInitializer(floats("b3", 3)).addInitializer(floats("g", 4))
                .addNode(microsoft("FusedMatMul", "batched", "x", "w").addOutput("y1").addAttribute(attr("transBatchA", 1)))
                .addNode(microsoft("FusedGemm", "parametric", "x", "w").addOutput("y2")
                        .addAttribute(attr("activation", "ParametricSoftplus")))
                .addNode(microsoft("SkipLayerNormalization", "statistics", "s", "s", "g").addOutput("y3").addOutput("mean"))
                .addNode(microsoft("BiasGelu", "short", "x", "b3").addOutput("y4"))
                .addNode(microsoft("Gelu", "approximate", "x").addOutput("y5").addAttribute(attr("approximate", "tanh")))
                .addNode(microsoft("Attention", "attention", "s", "w").addOutput("y6"))
                .addNode(microsoft("FusedMatMul", "foreign", "x", "w").setDomain("com.example").addOutput("y7"))
                .addNode(microsoft("FusedMatMul", "good", "x", "w").addOutput("y8").addAttribute(attr("transB", 1)));
        for (int i = 1; i <= 8; i++) {
            g.addOutput(input("y" + i));
        }
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model(g), "ort.onnx"));
        assertEquals(7, e.problems().size(), e.getMessage());
        for (String problem : new String[] {
            "node 'batched' (FusedMatMul): transBatchA or transBatchB needs A and B of one rank, at least 3",
            "node 'parametric' (FusedGemm): attribute activation='ParametricSoftplus' is not supported",
            "node 'statistics' (SkipLayerNormalization): outputs 1 and 2 (mean, inv_std_var) are not supported",
            "node 'short' (BiasGelu): input 1 ('b3') must be 1-D, of the length of the last axis of input 'x'",
            "node 'approximate' (Gelu): attribute approximate is not supported",
            "node 'attention' (Attention): input 2 is missing",
            "node 'foreign' (FusedMatMul): operator FusedMatMul of domain 'com.example' is not supported"}) {
            assertTrue(e.getMessage().contains(problem), problem + " in " + e.getMessage());
        }
    }

    @Test
    void quantizedMatMulsRefuseScalesPerRowOrOfAnotherLength() {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("q", -1, 4)).addInitializer(floats("w4", 4, 4))
                .addInitializer(floats("two", 2)).addInitializer(floats("three", 3)).addInitializer(floats("one", 1))
                .addNode(microsoft("MatMulIntegerToFloat", "rows", "q", "w4", "two", "one").addOutput("y1"))
                .addNode(microsoft("DynamicQuantizeMatMul", "columns", "q", "w4", "three").addOutput("y2"))
                .addNode(microsoft("DynamicQuantizeMatMul", "good", "q", "w4", "one").addOutput("y3"))
                .addOutput(input("y1")).addOutput(input("y2")).addOutput(input("y3"));
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model(g), "int8.onnx"));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("node 'rows' (MatMulIntegerToFloat): a_scale of shape (2,) is not supported: one"
                + " value only"), e.getMessage());
        assertTrue(e.getMessage().contains("node 'columns' (DynamicQuantizeMatMul): input 2 (b_scale) of shape (3,) is not"
                + " supported: one value, or one per column of B (4)"), e.getMessage());
    }

    @Test
    void transformerOperatorsRefuseStateRotaryAndMasksKeras4jDoesNotCompute() {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("s", -1, 3, 4)).addInput(input("m4", -1, 1, 3, 3))
                .addInput(input("ids", -1, 3))
                .addInitializer(floats("w", 4, 12)).addInitializer(floats("b", 12)).addInitializer(floats("past", 2, 1, 2, 3, 2))
                .addInitializer(floats("table", 5, 4)).addInitializer(floats("g", 4))
                .addNode(microsoft("Attention", "stateful", "s", "w", "b", "", "past").addOutput("y1")
                        .addAttribute(attr("num_heads", 2)))
                .addNode(microsoft("Attention", "rotary", "s", "w", "b").addOutput("y2").addAttribute(attr("num_heads", 2))
                        .addAttribute(attr("do_rotary", 1)))
                .addNode(microsoft("Attention", "megatron", "s", "w", "b", "m4").addOutput("y3").addAttribute(attr("num_heads", 2)))
                .addNode(microsoft("Attention", "heads", "s", "w", "b").addOutput("y4").addAttribute(attr("num_heads", 3)))
                .addNode(microsoft("EmbedLayerNormalization", "unmasked", "ids", "", "table", "table", "", "g").addOutput("y5")
                        .addOutput("mask_index"));
        for (String out : new String[] {"y1", "y2", "y3", "y4", "y5", "mask_index"}) {
            g.addOutput(input(out));
        }
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model(g), "bert.onnx"));
        assertEquals(5, e.problems().size(), e.getMessage());
        for (String problem : new String[] {
            "node 'stateful' (Attention): input 4 (past, 'past') is not supported",
            "node 'rotary' (Attention): attribute do_rotary = 1 is not supported (only 0)",
            "node 'megatron' (Attention): mask index must have shape [batch], [2·batch], [batch, steps] or [batch, steps, steps]",
            "node 'heads' (Attention): num_heads 3 and qkv_hidden_sizes [4, 4, 4] must split the weights' 12 columns",
            "node 'unmasked' (EmbedLayerNormalization): output 1 (mask_index, 'mask_index') without input 7 (mask) is not"
                    + " supported"}) {
            assertTrue(e.getMessage().contains(problem), problem + " in " + e.getMessage());
        }
    }

    @Test
    void batchNormalizationRefusesTrainingPerElementStatisticsAndParametersOfAnotherLength() {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", -1, 3, 4))
                .addInitializer(floats("scale", 3)).addInitializer(floats("b", 3)).addInitializer(floats("mean", 3))
                .addInitializer(floats("var", 3)).addInitializer(floats("scale4", 4))
                .addNode(batchNorm("training", "scale", "y1").addAttribute(attr("training_mode", 1)))
                .addNode(batchNorm("spatial", "scale", "y2").addAttribute(attr("spatial", 0)))
                .addNode(batchNorm("four", "scale4", "y3"))
                .addNode(batchNorm("good", "scale", "y4"))
                .addOutput(input("y1")).addOutput(input("y2")).addOutput(input("y3")).addOutput(input("y4"));
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model(g), "bn.onnx"));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("node 'training' (BatchNormalization): training (training_mode=1, outputs"
                + " running_mean and running_var) is not supported"), e.getMessage());
        assertTrue(e.getMessage().contains("node 'spatial' (BatchNormalization): spatial=0 (statistics per element, not per"
                + " channel) is not supported"), e.getMessage());
        assertTrue(e.getMessage().contains("node 'four' (BatchNormalization): scale has 4 values but the input has 3"
                + " channels"), e.getMessage());
    }

    private static AttributeProto attr(String name, long... values) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS)
                .addAllInts(Arrays.stream(values).boxed().toList()).build();
    }

    private static NodeProto.Builder conv(String name, String x, String out) {
        return NodeProto.newBuilder().setOpType("Conv").setName(name).addInput(x).addInput("w").addOutput(out);
    }

    @Test
    void convolutionRefusesFourSpatialAxesGroupedThreeUnevenSameLowerAndBadPads() {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", -1, 2, 9)).addInput(input("image", -1, 2, 5, 5, 5, 5))
                .addInput(input("free", -1, 2, -1)).addInput(input("volume", -1, 2, 3, 3, 3))
                .addInitializer(floats("w", 4, 2, 3)).addInitializer(floats("w3", 4, 1, 1, 1, 1))
                .addNode(conv("image", "image", "y1"))
                .addNode(NodeProto.newBuilder().setOpType("Conv").setName("grouped").addInput("volume").addInput("w3")
                        .addOutput("y7").addAttribute(attr("group", 3L)))
                .addNode(conv("lower", "free", "y2").addAttribute(attr("auto_pad", "SAME_LOWER")).addAttribute(attr("strides", new long[] {2})))
                .addNode(conv("pads", "x", "y3").addAttribute(attr("pads", 1L, 1L, 1L, 1L)))
                .addNode(conv("good", "x", "y4").addAttribute(attr("pads", 1L, 0L)))
                .addNode(conv("known", "x", "y5").addAttribute(attr("auto_pad", "SAME_LOWER")).addAttribute(attr("strides", new long[] {2})))
                .addNode(conv("both", "x", "y6").addAttribute(attr("auto_pad", "SAME_UPPER")).addAttribute(attr("pads", 1L, 0L)))
                .addOutput(input("y1")).addOutput(input("y2")).addOutput(input("y3")).addOutput(input("y4")).addOutput(input("y5"))
                .addOutput(input("y6")).addOutput(input("y7"));
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model(g), "conv.onnx"));
        assertEquals(5, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("node 'image' (Conv): only 1-D, 2-D and 3-D convolution is supported (input [batch,"
                + " channels, steps], [batch, channels, rows, cols] or [batch, channels, depth, rows, cols]), got an input of"
                + " rank 6"), e.getMessage());
        assertTrue(e.getMessage().contains("node 'grouped' (Conv): W tensor(4, 1, 1, 1, 1)"), e.getMessage());
        assertTrue(e.getMessage().contains("must be [filters, channels/group, depth, rows, cols] with filters divisible by group 3"),
                e.getMessage());
        assertTrue(e.getMessage().contains("node 'lower' (Conv): auto_pad SAME_LOWER over axes of sizes unknown at import is not"
                + " supported where its padding may differ from SAME_UPPER's"), e.getMessage());
        assertTrue(e.getMessage().contains("node 'pads' (Conv): pads [1, 1, 1, 1] must be 2 sizes from 0 to 2^24 (each axis' begin, then each"
                + " axis' end) for a 1-D window"),
                e.getMessage());
        assertTrue(e.getMessage().contains("node 'both' (Conv): pads [1, 0] together with auto_pad SAME_UPPER"), e.getMessage());
    }

    @Test
    void col2ImRefusesComputedShapesDilationsOffTwoAxesAutoPadAndColumnsOfAnotherBlockCount() {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("cols", -1, 6, 4)).addInput(input("size", 1))
                .addInitializer(longs("image", 9)).addInitializer(longs("block", 3))
                .addNode(col2im("computed", "size", "y1"))
                .addNode(col2im("dilated", "image", "y2").addAttribute(attr("dilations", new long[] {2})))
                .addNode(col2im("auto", "image", "y3").addAttribute(attr("auto_pad", "SAME_UPPER")))
                .addNode(col2im("count", "image", "y4"))
                .addOutput(input("y1")).addOutput(input("y2")).addOutput(input("y3")).addOutput(input("y4"));
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model(g, 18), "fold.onnx"));
        assertEquals(4, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("node 'computed' (Col2Im): input 1 (image_shape, 'size') must be a constant"),
                e.getMessage());
        assertTrue(e.getMessage().contains("node 'dilated' (Col2Im): dilations [2] over 1 image axes are not supported (only"
                + " over two)"), e.getMessage());
        assertTrue(e.getMessage().contains("node 'auto' (Col2Im): auto_pad SAME_UPPER is not an attribute of Col2Im"),
                e.getMessage());
        assertTrue(e.getMessage().contains("node 'count' (Col2Im): Col2Im takes [batch, channels·3, 7] for blocks of (3,) in an"
                + " image of (9,), got (None, 6, 4)"), e.getMessage());
    }

    @Test
    void roiAlignRefusesOtherModesCoordinatesAndSizesAndOpsetTenTakesNoCoordinateMode() {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", -1, 2, 5, 5)).addInput(input("rois", -1, 4))
                .addInput(typed("batch", 7, -1))
                .addNode(roiAlign("mode", "y1").addAttribute(attr("mode", "sum")))
                .addNode(roiAlign("transform", "y2").addAttribute(attr("coordinate_transformation_mode", "asymmetric")))
                .addNode(roiAlign("size", "y3").addAttribute(attr("output_height", 0L)))
                .addOutput(input("y1")).addOutput(input("y2")).addOutput(input("y3"));
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model(g, 16), "roi.onnx"));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("node 'mode' (RoiAlign): mode sum is not supported (avg or max)"), e.getMessage());
        assertTrue(e.getMessage().contains("node 'transform' (RoiAlign): coordinate_transformation_mode asymmetric is not"
                + " supported (half_pixel or output_half_pixel)"), e.getMessage());
        assertTrue(e.getMessage().contains("node 'size' (RoiAlign): output_height 0, output_width 1 and sampling_ratio 0 must"
                + " be sizes"), e.getMessage());
        GraphProto.Builder ten = GraphProto.newBuilder().addInput(input("x", -1, 2, 5, 5)).addInput(input("rois", -1, 4))
                .addInput(typed("batch", 7, -1))
                .addNode(roiAlign("old", "y").addAttribute(attr("coordinate_transformation_mode", "half_pixel")))
                .addOutput(input("y"));
        e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model(ten, 10), "roi10.onnx"));
        assertTrue(e.getMessage().contains("node 'old' (RoiAlign): attribute coordinate_transformation_mode is not supported"),
                e.getMessage());
    }

    private static NodeProto.Builder roiAlign(String name, String out) {
        return NodeProto.newBuilder().setOpType("RoiAlign").setName(name).addInput("x").addInput("rois").addInput("batch")
                .addOutput(out);
    }

    private static NodeProto.Builder col2im(String name, String image, String out) {
        return NodeProto.newBuilder().setOpType("Col2Im").setName(name).addInput("cols").addInput(image).addInput("block")
                .addOutput(out);
    }

    @Test
    void poolingRefusesPadsReachingTheKernelCountedSamePaddingOfUnknownSizeDilationsAndNegativeSamePadding() {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", -1, 2, 9)).addInput(input("free", -1, 2, -1))
                .addNode(NodeProto.newBuilder().setOpType("MaxPool").setName("pads").addInput("x").addOutput("y1")
                        .addAttribute(attr("kernel_shape", new long[] {2})).addAttribute(attr("pads", 2L, 0L)))
                .addNode(NodeProto.newBuilder().setOpType("AveragePool").setName("counted").addInput("free").addOutput("y2")
                        .addAttribute(attr("kernel_shape", new long[] {3})).addAttribute(attr("auto_pad", "SAME_UPPER"))
                        .addAttribute(attr("count_include_pad", 1)))
                .addNode(NodeProto.newBuilder().setOpType("MaxPool").setName("dilated").addInput("x").addOutput("y3")
                        .addAttribute(attr("kernel_shape", new long[] {2})).addAttribute(attr("dilations", new long[] {2})))
                .addNode(NodeProto.newBuilder().setOpType("AveragePool").setName("good").addInput("x").addOutput("y4")
                        .addAttribute(attr("kernel_shape", new long[] {3})).addAttribute(attr("pads", 1L, 2L))
                        .addAttribute(attr("count_include_pad", 1)))
                .addNode(NodeProto.newBuilder().setOpType("AveragePool").setName("sparse").addInput("x").addOutput("y5")
                        .addAttribute(attr("kernel_shape", new long[] {1})).addAttribute(attr("strides", new long[] {5}))
                        .addAttribute(attr("auto_pad", "SAME_UPPER")))
                .addOutput(input("y1")).addOutput(input("y2")).addOutput(input("y3")).addOutput(input("y4"))
                .addOutput(input("y5"));
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model(g), "pool.onnx"));
        assertEquals(4, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("node 'sparse' (AveragePool): auto_pad SAME_UPPER over 9 positions with stride 5 and"
                + " windows of 1 needs negative padding, which ONNX Runtime refuses or applies by shifting the windows"),
                e.getMessage());
        assertTrue(e.getMessage().contains("node 'pads' (MaxPool): pads [2, 0] must each be below the kernel size [2]"),
                e.getMessage());
        assertTrue(e.getMessage().contains("node 'counted' (AveragePool): count_include_pad=1 with auto_pad SAME_UPPER over"
                + " axes of sizes unknown at import is not supported"), e.getMessage());
        assertTrue(e.getMessage().contains("node 'dilated' (MaxPool): dilations [2] are not supported (only 1)"), e.getMessage());
    }

    @Test
    void twoDimensionalPoolingRefusesPadsReachingTheKernelIndicesAndOneKernelSize() {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", -1, 2, 6, 6))
                .addNode(NodeProto.newBuilder().setOpType("MaxPool").setName("wide").addInput("x").addOutput("y1")
                        .addAttribute(attr("kernel_shape", 2L, 3L)).addAttribute(attr("pads", 0L, 3L, 1L, 0L)))
                .addNode(NodeProto.newBuilder().setOpType("MaxPool").setName("indices").addInput("x").addOutput("y2")
                        .addOutput("where").addAttribute(attr("kernel_shape", 2L, 2L)))
                .addNode(NodeProto.newBuilder().setOpType("MaxPool").setName("one").addInput("x").addOutput("y3")
                        .addAttribute(attr("kernel_shape", new long[] {2})))
                .addNode(NodeProto.newBuilder().setOpType("AveragePool").setName("good").addInput("x").addOutput("y4")
                        .addAttribute(attr("kernel_shape", 3L, 2L)).addAttribute(attr("pads", 1L, 0L, 2L, 1L))
                        .addAttribute(attr("count_include_pad", 1)))
                .addOutput(input("y1")).addOutput(input("y2")).addOutput(input("y3")).addOutput(input("y4"));
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model(g), "pool2d.onnx"));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("node 'wide' (MaxPool): pads [0, 3, 1, 0] must each be below the kernel size [2, 3]"),
                e.getMessage());
        assertTrue(e.getMessage().contains("node 'indices' (MaxPool): the Indices output is not supported"), e.getMessage());
        assertTrue(e.getMessage().contains("node 'one' (MaxPool): kernel_shape [2] must be 2 positive sizes for a 2-D"
                + " pooling"), e.getMessage());
    }

    @Test
    void aPReluSlopeWithABatchAxisIsRefused() {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", -1, 6, 4)).addInitializer(floats("slope", 2, 6, 1))
                .addNode(NodeProto.newBuilder().setOpType("PRelu").setName("prelu").addInput("x").addInput("slope").addOutput("y"))
                .addOutput(input("y"));
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model(g), "prelu.onnx"));
        assertTrue(e.getMessage().contains("node 'prelu' (PRelu): slope tensor(2, 6, 1) of float does not broadcast to one sample of"
                + " an input of rank 3"), e.getMessage());
    }

    private static TensorProto longs(String name, long... values) {
        return TensorProto.newBuilder().setName(name).setDataType(7).addDims(values.length)
                .addAllInt64Data(Arrays.stream(values).boxed().toList()).build();
    }

    @Test
    void einsumRefusesEllipsisAxesMissingFromTheOutputAndMalformedEquations() {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", -1, 4, 3))
                .addNode(NodeProto.newBuilder().setOpType("Einsum").setName("dropped").addInput("x").addOutput("y1")
                        .addAttribute(attr("equation", "...ij->ij")))
                .addNode(NodeProto.newBuilder().setOpType("Einsum").setName("digits").addInput("x").addOutput("y2")
                        .addAttribute(attr("equation", "b1j->bj")))
                .addOutput(input("y1")).addOutput(input("y2"));
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model(g, 12), "e.onnx"));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("node 'dropped' (Einsum): einsum equation '...ij->ij': the operands' ... axes are"
                + " missing from the output"), e.getMessage());
        assertTrue(e.getMessage().contains("node 'digits' (Einsum): einsum equation 'b1j->bj': term 'b1j' holds other than"
                + " letters and one ..."), e.getMessage());
    }

    @Test
    void topKRefusesUnsortedOutputAndKAsAnAttribute() {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", -1, 4, 3)).addInitializer(longs("k", 2))
                .addNode(NodeProto.newBuilder().setOpType("TopK").setName("unsorted").addInput("x").addInput("k")
                        .addOutput("v").addOutput("i").addAttribute(attr("sorted", 0)))
                .addOutput(input("v"));
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model(g, 11), "k.onnx"));
        assertTrue(e.getMessage().contains("node 'unsorted' (TopK): attribute sorted=0 is not supported"), e.getMessage());
        GraphProto.Builder old = GraphProto.newBuilder().addInput(input("x", -1, 4, 3))
                .addNode(NodeProto.newBuilder().setOpType("TopK").setName("attribute").addInput("x").addOutput("v")
                        .addOutput("i").addAttribute(attr("k", 2)))
                .addOutput(input("v"));
        e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model(old, 9), "k.onnx"));
        assertTrue(e.getMessage().contains("node 'attribute' (TopK): opset 9 (k as an attribute) is not supported"),
                e.getMessage());
    }

    @Test
    void gridSampleRefusesTheOtherOpsetsModeNamesUnknownPaddingsAndVolumes() {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", -1, 3, 5, 6)).addInput(input("grid", -1, 4, 7, 2))
                .addInput(input("v", -1, 3, 2, 5, 6)).addInput(input("vgrid", -1, 2, 4, 7, 3))
                .addNode(NodeProto.newBuilder().setOpType("GridSample").setName("old_name").addInput("x").addInput("grid")
                        .addOutput("y1").addAttribute(attr("mode", "bilinear")))
                .addNode(NodeProto.newBuilder().setOpType("GridSample").setName("mirror").addInput("x").addInput("grid")
                        .addOutput("y2").addAttribute(attr("padding_mode", "mirror")))
                .addNode(NodeProto.newBuilder().setOpType("GridSample").setName("volume").addInput("v").addInput("vgrid")
                        .addOutput("y3"))
                .addNode(NodeProto.newBuilder().setOpType("GridSample").setName("good").addInput("x").addInput("grid")
                        .addOutput("y4").addAttribute(attr("mode", "cubic")))
                .addOutput(input("y1")).addOutput(input("y2")).addOutput(input("y3")).addOutput(input("y4"));
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model(g, 20), "gs.onnx"));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("node 'old_name' (GridSample): mode=bilinear is not supported (linear, nearest or"
                + " cubic at opset 20)"), e.getMessage());
        assertTrue(e.getMessage().contains("node 'mirror' (GridSample): padding_mode=mirror is not supported (zeros, border or"
                + " reflection)"), e.getMessage());
        assertTrue(e.getMessage().contains("node 'volume' (GridSample): only images [N, C, H, W] are sampled, got an input of"
                + " rank 5"), e.getMessage());
    }

    @Test
    void fourierTransformsRefuseComplexStftRunTimeWindowsOnesidedComplexAndMismatchedLengths() {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", -1, 300, 1)).addInput(input("c", -1, 300, 2))
                .addInitializer(longs("step", 10)).addInitializer(longs("n64", 64)).addInitializer(longs("n32", 32))
                .addInitializer(floats("w", 64))
                .addNode(NodeProto.newBuilder().setOpType("STFT").setName("complex").addInput("c").addInput("step")
                        .addInput("").addInput("n64").addOutput("y1"))
                .addNode(NodeProto.newBuilder().setOpType("Relu").setName("relu").addInput("w").addOutput("computed_w"))
                .addNode(NodeProto.newBuilder().setOpType("Slice").setName("slice").addInput("x").addInput("n32")
                        .addInput("n64").addOutput("part"))
                .addNode(NodeProto.newBuilder().setOpType("Shape").setName("shape").addInput("part").addOutput("s"))
                .addNode(NodeProto.newBuilder().setOpType("STFT").setName("run_time_length").addInput("x").addInput("step")
                        .addInput("").addInput("s").addOutput("y2"))
                .addNode(NodeProto.newBuilder().setOpType("STFT").setName("mismatch").addInput("x").addInput("step")
                        .addInput("w").addInput("n32").addOutput("y3"))
                .addNode(NodeProto.newBuilder().setOpType("DFT").setName("onesided_complex").addInput("c").addOutput("y4")
                        .addAttribute(attr("onesided", 1)))
                .addNode(NodeProto.newBuilder().setOpType("STFT").setName("good").addInput("x").addInput("step")
                        .addInput("computed_w").addOutput("y5"))
                .addOutput(input("y1")).addOutput(input("y2")).addOutput(input("y3")).addOutput(input("y4"))
                .addOutput(input("y5"));
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model(g, 17), "f.onnx"));
        assertEquals(4, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("node 'complex' (STFT): a complex signal (last axis 2) is not supported"),
                e.getMessage());
        assertTrue(e.getMessage().contains("node 'run_time_length' (STFT): input 3 (frame_length, 's') must be a constant"),
                e.getMessage());
        assertTrue(e.getMessage().contains("node 'mismatch' (STFT): frame_length 32 differs from the window's length 64"),
                e.getMessage());
        assertTrue(e.getMessage().contains("node 'onesided_complex' (DFT): a onesided transform needs a real input (last"
                + " axis 1), got a complex one"), e.getMessage());
    }

    @Test
    void signalWindowsAndMelMatricesRefuseOtherOutputTypesAndEdgesBeyondTheBins() {
        TensorProto top = TensorProto.newBuilder().setName("top").setDataType(1).addFloatData(9000).build();
        TensorProto zero = TensorProto.newBuilder().setName("zero").setDataType(1).addFloatData(0).build();
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", -1, 3))
                .addInitializer(longs("n", 64)).addInitializer(longs("rate", 16000)).addInitializer(zero).addInitializer(top)
                .addNode(NodeProto.newBuilder().setOpType("HannWindow").setName("int_window").addInput("n").addOutput("w1")
                        .addAttribute(attr("output_datatype", 7)))
                .addNode(NodeProto.newBuilder().setOpType("MelWeightMatrix").setName("beyond_nyquist").addInput("n")
                        .addInput("n").addInput("rate").addInput("zero").addInput("top").addOutput("m"))
                .addNode(NodeProto.newBuilder().setOpType("BlackmanWindow").setName("good").addInput("n").addOutput("w2"))
                .addOutput(input("w1")).addOutput(input("m")).addOutput(input("w2"));
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model(g, 17), "w.onnx"));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("node 'int_window' (HannWindow): output_datatype=7 is not supported (1, float)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("node 'beyond_nyquist' (MelWeightMatrix): lower_edge_hertz 0.0 and"
                + " upper_edge_hertz 9000.0 must fall within the 33 bins of dft_length 64 at sample_rate 16000"), e.getMessage());
    }

    /** QLinearConv filters that are not of rank 3 to 5 are refused by name (a fuzzed scalar one indexed past its shape). */
    @Test
    void quantizedConvolutionFiltersOfAnotherRankAreRefused() throws Exception {
        ModelProto m = ModelProto.parseFrom(Files.readAllBytes(
                TestData.caseDir("onnx_ort_qoperator_cnn_uint8_op17").resolve("model.onnx")));
        GraphProto.Builder g = m.getGraph().toBuilder();
        for (int i = 0; i < g.getInitializerCount(); i++) {
            if (g.getInitializer(i).getName().equals("c1.weight_quantized")) {
                g.setInitializer(i, g.getInitializer(i).toBuilder().clearDims().setRawData(ByteString.copyFrom(new byte[1])));
            }
        }
        ModelImportException e = assertThrows(ModelImportException.class,
                () -> ModelImporter.load(m.toBuilder().setGraph(g).build().toByteArray(), "q.onnx"));
        assertTrue(e.getMessage().contains("node '/c1/Conv_quant' (QLinearConv): the filters w must have rank 3 to 5"
                + " (filters, channels, kernel), got shape []"), e.getMessage());
    }

    /** A mel matrix whose size overflows a long when multiplied out is refused, not allocated (a fuzzed file ran out of heap). */
    @Test
    void aMelMatrixOfMoreWeightsThanALongHoldsIsRefused() {
        TensorProto top = TensorProto.newBuilder().setName("top").setDataType(1).addFloatData(4000).build();
        TensorProto zero = TensorProto.newBuilder().setName("zero").setDataType(1).addFloatData(0).build();
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", -1, 3))
                .addInitializer(longs("mels", 7887336166618656883L)).addInitializer(longs("n", 400))
                .addInitializer(longs("rate", 16000)).addInitializer(zero).addInitializer(top)
                .addNode(NodeProto.newBuilder().setOpType("MelWeightMatrix").setName("huge").addInput("mels")
                        .addInput("n").addInput("rate").addInput("zero").addInput("top").addOutput("m"))
                .addOutput(input("m"));
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model(g, 17), "m.onnx"));
        assertTrue(e.getMessage().contains("node 'huge' (MelWeightMatrix): num_mel_bins 7887336166618656883, dft_length 400"
                + " and sample_rate 16000 must be positive, with at most 16777216 weights"), e.getMessage());
    }

    @Test
    void aReshapeToAnotherTensorsWholeShapeKnowsItsDimensionsAndAPartialShapeDoesNot() {
        // torch's dynamo exporter writes GroupNorm so: a Reshape to [0, groups, -1], then back to Shape(x)
        // (a partial Shape of an input is known at import: the one here is of a value computed from it)
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", -1, 8, 4, 6))
                .addInitializer(longs("groups", 0, 2, -1)).addInitializer(longs("one", 1))
                .addNode(NodeProto.newBuilder().setOpType("Reshape").setName("flat").addInput("x").addInput("groups")
                        .addOutput("f"))
                .addNode(NodeProto.newBuilder().setOpType("Shape").setName("shape").addInput("x").addOutput("s"))
                .addNode(NodeProto.newBuilder().setOpType("Reshape").setName("back").addInput("f").addInput("s").addOutput("b"))
                .addNode(NodeProto.newBuilder().setOpType("DepthToSpace").setName("whole").addInput("b").addOutput("y1")
                        .addAttribute(attr("blocksize", 2)))
                .addNode(NodeProto.newBuilder().setOpType("Shape").setName("tail").addInput("b").addOutput("t")
                        .addAttribute(attr("start", 1)))
                .addNode(NodeProto.newBuilder().setOpType("Concat").setName("join").addInput("one").addInput("t")
                        .addOutput("j").addAttribute(attr("axis", 0)))
                .addNode(NodeProto.newBuilder().setOpType("Reshape").setName("joined").addInput("f").addInput("j")
                        .addOutput("p"))
                .addNode(NodeProto.newBuilder().setOpType("DepthToSpace").setName("partial").addInput("p").addOutput("y2")
                        .addAttribute(attr("blocksize", 2)))
                .addOutput(input("y1")).addOutput(input("y2"));
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model(g), "gn.onnx"));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("node 'partial' (DepthToSpace): blocksize 2 does not fit an input of [-1, -1, -1, -1]"),
                e.getMessage());
    }

    @Test
    void padRefusesUnknownModesComputedValuesAndPadsOfAnotherRank() {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", -1, 4, 3))
                .addInitializer(longs("pads", 0, 1, 0, 0, 1, 0)).addInitializer(longs("short", 0, 1, 0, 1))
                .addNode(NodeProto.newBuilder().setOpType("Pad").setName("symmetric").addInput("x").addInput("pads")
                        .addOutput("y1").addAttribute(attr("mode", "symmetric")))
                .addNode(NodeProto.newBuilder().setOpType("Shape").setName("shape").addInput("x").addOutput("s"))
                .addNode(NodeProto.newBuilder().setOpType("Pad").setName("computed").addInput("x").addInput("pads")
                        .addInput("s").addOutput("y2"))
                .addNode(NodeProto.newBuilder().setOpType("Pad").setName("short").addInput("x").addInput("short")
                        .addOutput("y3"))
                .addNode(NodeProto.newBuilder().setOpType("Pad").setName("computed_short").addInput("x").addInput("s")
                        .addOutput("y4"))
                .addNode(NodeProto.newBuilder().setOpType("Pad").setName("good").addInput("x").addInput("pads").addOutput("y5"))
                .addOutput(input("y1")).addOutput(input("y2")).addOutput(input("y3")).addOutput(input("y4"))
                .addOutput(input("y5"));
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model(g), "pad.onnx"));
        assertEquals(4, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("node 'symmetric' (Pad): mode=symmetric is not supported (constant, reflect, edge or"
                + " wrap)"), e.getMessage());
        assertTrue(e.getMessage().contains("node 'computed' (Pad): input 2 (constant_value, 's') must be a constant"),
                e.getMessage());
        assertTrue(e.getMessage().contains("node 'short' (Pad): pads holds 4 values for 3 axes (two per axis)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("node 'computed_short' (Pad): Pad: pads of shape (3,) for 3 axes (two per axis)"),
                e.getMessage());
    }

    @Test
    void padRefusesReflectionsAndWrapsLongerThanWhatTheirAxisKeeps() {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", -1, 4, 3))
                .addInitializer(longs("four", 0, 4, 0, 0, 0, 0)).addInitializer(longs("five", 0, 0, 0, 0, 5, 0))
                .addInitializer(longs("crop_two", 0, -2, 0, 0, 2, 0)).addInitializer(longs("nine", 0, 9, 0, 0, 9, 0))
                .addNode(pad("reflect", "four", "reflect")).addNode(pad("wrap", "five", "wrap"))
                .addNode(pad("reflect", "crop_two", "cropped")).addNode(pad("edge", "nine", "edge_far"))
                .addOutput(input("reflect")).addOutput(input("wrap")).addOutput(input("cropped"))
                .addOutput(input("edge_far"));
        ModelImportException e = assertThrows(ModelImportException.class,
                () -> ModelImporter.load(model(g, 19), "pad.onnx"));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("node 'reflect' (Pad): Pad: axis 1 of length 4 padded by 4 and 0 in mode REFLECT,"
                + " which pads at most 3 entries on each side"), e.getMessage());
        assertTrue(e.getMessage().contains("node 'wrap' (Pad): Pad: axis 1 of length 4 padded by 0 and 5 in mode WRAP,"
                + " which pads at most 4 entries on each side"), e.getMessage());
        assertTrue(e.getMessage().contains("node 'cropped' (Pad): Pad: axis 1 of length 4 padded by -2 and 2 in mode REFLECT,"
                + " which pads at most 1 entries on each side of the 2 it keeps"), e.getMessage());
        ModelImportException before19 = assertThrows(ModelImportException.class,
                () -> ModelImporter.load(model(g, 18), "pad.onnx"));
        assertTrue(before19.getMessage().contains("node 'wrap' (Pad): mode=wrap needs opset 19 or later, the model imports"
                + " opset 18"), before19.getMessage());
    }

    @Test
    void padChecksItsReachWhenTheAxisLengthIsKnownOnlyAtRunTime() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", -1, -1, 3))
                .addInitializer(longs("two", 0, 2, 0, 0, 2, 0)).addNode(pad("reflect", "two", "y")).addOutput(input("y"));
        Model m = ModelImporter.load(model(g), "pad.onnx");
        assertEquals(7, m.predict(Tensor.of(new float[2 * 3 * 3], 2, 3, 3)).shape()[1]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.predict(Tensor.of(new float[2 * 2 * 3], 2, 2, 3)));
        assertTrue(e.getMessage().contains("axis 1 of length 2 padded by 2 and 2 in mode REFLECT, which pads at most 1"),
                e.getMessage());
    }

    private static NodeProto.Builder pad(String mode, String pads, String output) {
        return NodeProto.newBuilder().setOpType("Pad").setName(output).addInput("x").addInput(pads).addOutput(output)
                .addAttribute(attr("mode", mode));
    }

    @Test
    void everyUnsupportedNodeAndAttributeIsListedAtOnce() {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", -1, 3))
                .addNode(NodeProto.newBuilder().setOpType("DeformConv").setName("deform").addInput("x").addOutput("a"))
                .addNode(NodeProto.newBuilder().setOpType("Loop").setName("loop").addInput("x").addOutput("b"))
                .addNode(NodeProto.newBuilder().setOpType("Relu").setName("relu").addInput("x").addOutput("c")
                        .addAttribute(attr("mystery", "1")))
                .addNode(NodeProto.newBuilder().setOpType("Tanh").setName("after_unknown").addInput("a").addOutput("d"))
                .addOutput(input("c")).addOutput(input("d"));
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model(g), "bad.onnx"));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().startsWith("bad.onnx: 3 problems"), e.getMessage());
        assertTrue(e.getMessage().contains("node 'deform' (DeformConv): operator DeformConv is not supported"), e.getMessage());
        assertTrue(e.getMessage().contains("node 'loop' (Loop): attribute body is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("node 'relu' (Relu): attribute mystery is not supported"), e.getMessage());
    }

    @Test
    void recurrentWeightsMustBeConstantAndActivationParametersUnambiguous() {
        NodeProto rnn = NodeProto.newBuilder().setOpType("RNN").setName("rnn").addInput("x").addInput("x").addInput("R")
                .addOutput("y").addAttribute(AttributeProto.newBuilder().setName("hidden_size").setType(AttributeProto.AttributeType.INT).setI(2))
                .addAttribute(AttributeProto.newBuilder().setName("activations").setType(AttributeProto.AttributeType.STRINGS)
                        .addStrings(ByteString.copyFromUtf8("LeakyRelu"))).build();
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", 4, -1, 3)).addInitializer(floats("R", 1, 2, 2))
                .addNode(rnn).addOutput(input("y"));
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model(g), "rnn.onnx"));
        assertTrue(e.getMessage().contains("input 1 (W, 'x') must be a constant"), e.getMessage());
        assertTrue(e.getMessage().contains("activation_alpha must give one value per direction"), e.getMessage());
    }

    private static TensorProto int8s(String name, int[] values, int... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT8_VALUE);
        for (int d : dims) {
            t.addDims(d);
        }
        for (int v : values) {
            t.addInt32Data(v);
        }
        return t.build();
    }

    @Test
    void aQuantizedLstmRefusesSequenceLengthsAndZeroPointsThatVaryWithinADirection() {
        NodeProto lstm = NodeProto.newBuilder().setOpType("DynamicQuantizeLSTM").setDomain(Translators.MICROSOFT)
                .setName("qlstm").addInput("x").addInput("W").addInput("R").addInput("").addInput("lens").addInput("")
                .addInput("").addInput("").addInput("ws").addInput("wz").addInput("rs").addInput("rz").addOutput("y")
                .addAttribute(attr("hidden_size", 2)).build();
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", 4, -1, 3)).addInput(input("lens", -1))
                .addInitializer(int8s("W", new int[24], 1, 3, 8)).addInitializer(int8s("R", new int[16], 1, 2, 8))
                .addInitializer(floats("ws", 1, 8)).addInitializer(int8s("wz", new int[] {0, 0, 0, 3, 0, 0, 0, 0}, 1, 8))
                .addInitializer(floats("rs", 1)).addInitializer(int8s("rz", new int[] {0}, 1))
                .addNode(lstm).addOutput(input("y"));
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model(g), "q.onnx"));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("W_zero_point 3.0 differs from 0.0 in direction 0"), e.getMessage());
        assertTrue(e.getMessage().contains("input 4 (sequence_lens) is not supported"), e.getMessage());
    }

    @Test
    void anotherMicrosoftOperatorNamesTheOnesSupported() {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", -1, 4))
                .addNode(NodeProto.newBuilder().setOpType("QAttention").setDomain(Translators.MICROSOFT)
                        .setName("q").addInput("x").addOutput("y")).addOutput(input("y"));
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model(g), "q.onnx"));
        assertTrue(e.getMessage().contains("operator QAttention of domain 'com.microsoft' is not supported (supported:"
                + " Attention, BiasGelu, DynamicQuantizeLSTM, DynamicQuantizeMatMul, EmbedLayerNormalization, FastGelu,"
                + " FusedGemm, FusedMatMul, Gelu, MatMulIntegerToFloat, QGemm, QLinearAdd, QLinearAveragePool,"
                + " QLinearConcat, QLinearGlobalAveragePool, QLinearLeakyRelu, QLinearMul, QLinearSigmoid, QLinearSoftmax,"
                + " QuickGelu, SkipLayerNormalization, SkipSimplifiedLayerNormalization)"), e.getMessage());
    }

    @Test
    void qOperatorNodesRefuseWhatKeras4jDoesNotComputeAsOnnxRuntime() {
        TensorProto scale = TensorProto.newBuilder().setName("s").setDataType(1).addFloatData(0.1f).build();
        TensorProto scales = TensorProto.newBuilder().setName("s2").setDataType(1).addDims(2).addFloatData(0.1f)
                .addFloatData(0.2f).build();
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", -1, 4)).addInput(input("image", -1, 2, 3, 3))
                .addInitializer(scale).addInitializer(scales).addInitializer(int8s("z", new int[] {0})).addInitializer(floats("s3", 3))
                .addInitializer(int8s("w", new int[16], 4, 4)).addInitializer(int8s("per_channel", new int[2], 2, 1, 1))
                .addNode(microsoft("QLinearAdd", "broadcast", "image", "s", "z", "per_channel", "s", "z", "s", "z")
                        .addOutput("y1"))
                .addNode(microsoft("QLinearMul", "unknown", "image", "s", "z", "per_channel", "s", "z", "s")
                        .addOutput("y7").addAttribute(attr("axis", 1)))
                .addNode(microsoft("QLinearGlobalAveragePool", "nhwc", "image", "s", "z", "s", "z").addOutput("y2")
                        .addAttribute(attr("channels_last", 1)))
                .addNode(microsoft("QGemm", "transposed", "x", "s", "z", "w", "s", "z").addOutput("y3")
                        .addAttribute(attr("transA", 1)))
                .addNode(microsoft("QLinearSigmoid", "per_entry", "x", "s2", "z", "s", "z").addOutput("y4"))
                .addNode(NodeProto.newBuilder().setOpType("QLinearMatMul").setName("zero_scale").addAllInput(
                        List.of("x", "s", "z", "w", "s3", "z", "s", "z")).addOutput("y5"))
                .addNode(microsoft("QLinearSoftmax", "no_opset", "x", "s", "z", "s", "z").addOutput("y6"));
        for (int i = 1; i <= 7; i++) {
            g.addOutput(input("y" + i));
        }
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model(g), "qop.onnx"));
        assertEquals(6, e.problems().size(), e.getMessage());
        for (String problem : new String[] {
            "node 'unknown' (QLinearMul): attribute axis",
            "node 'nhwc' (QLinearGlobalAveragePool): channels_last 1 is not supported (0 only)",
            "node 'transposed' (QGemm): attribute transA=1 is not supported",
            "node 'per_entry' (QLinearSigmoid): X_scale and X_zero_point must be one value each (per-tensor), got 2 and 1",
            "node 'zero_scale' (QLinearMatMul): b_scale",
            "must be positive and finite, got 0.0",
            "node 'no_opset' (QLinearSoftmax): attribute opset is missing (ONNX Runtime requires it), got -1"}) {
            assertTrue(e.getMessage().contains(problem), problem + " in " + e.getMessage());
        }
    }

    @Test
    void aRefusedRecurrentNodeDoesNotCallItsOtherAttributesUnsupported() {
        NodeProto lstm = NodeProto.newBuilder().setOpType("LSTM").setName("lstm").addInput("x").addInput("W").addInput("R")
                .addOutput("y").addAttribute(AttributeProto.newBuilder().setName("hidden_size").setType(AttributeProto.AttributeType.INT).setI(2))
                .addAttribute(attr("direction", "sideways"))
                .addAttribute(AttributeProto.newBuilder().setName("clip").setType(AttributeProto.AttributeType.FLOAT).setF(1f))
                .addAttribute(AttributeProto.newBuilder().setName("input_forget").setType(AttributeProto.AttributeType.INT).setI(1))
                .build();
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", 4, -1, 3)).addInitializer(floats("W", 1, 8, 3))
                .addInitializer(floats("R", 1, 8, 2)).addNode(lstm).addOutput(input("y"));
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model(g), "lstm.onnx"));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("direction"), e.getMessage());
        assertTrue(e.getMessage().contains("sideways"), e.getMessage());
    }

    @Test
    void externalDataMustStayInsideTheModelFolderAndFitTheFile(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("model"));
        Files.write(dir.resolve("weights.bin"), new byte[12]);
        Files.write(tmp.resolve("secret.bin"), new byte[64]);
        TensorProto escaping = external("W", "../secret.bin", 0, 16, 4);
        TensorProto tooLong = external("B", "weights.bin", 8, 16, 4);
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", -1, 4)).addInitializer(escaping).addInitializer(tooLong)
                .addNode(NodeProto.newBuilder().setOpType("Relu").addInput("x").addOutput("y")).addOutput(input("y"));
        Path file = dir.resolve("model.onnx");
        Files.write(file, model(g));
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(file));
        assertTrue(e.getMessage().contains("tensor 'W' names the external file '../secret.bin', which is not a file inside the model's folder"),
                e.getMessage());
        assertTrue(e.getMessage().contains("tensor 'B' reads bytes [8, 24) of 'weights.bin', which has only 12 bytes"), e.getMessage());
    }

    private static TensorProto external(String name, String location, long offset, long length, int n) {
        return TensorProto.newBuilder().setName(name).setDataType(1).addDims(n)
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue(location))
                .addExternalData(StringStringEntryProto.newBuilder().setKey("offset").setValue(Long.toString(offset)))
                .addExternalData(StringStringEntryProto.newBuilder().setKey("length").setValue(Long.toString(length))).build();
    }

    @Test
    void truncatedOrForeignContentGetsAClearError(@TempDir Path tmp) throws Exception {
        byte[] onnx = Files.readAllBytes(TestData.caseDir("onnx_torch_rnn_tanh_bidir_op12").resolve("model.onnx"));
        Path cut = tmp.resolve("cut.bin");
        Files.write(cut, Arrays.copyOf(onnx, onnx.length / 2));
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(cut));
        assertTrue(e.getMessage().contains("not a readable ONNX model"), e.getMessage());
        Path text = tmp.resolve("model.onnx");
        Files.writeString(text, "hello, this is not a model");
        e = assertThrows(ModelImportException.class, () -> ModelImporter.load(text));
        assertTrue(e.getMessage().contains("an ONNX model"), e.getMessage());
    }

    @Test
    void onnxIsDetectedByContentWhateverTheExtension(@TempDir Path tmp) throws Exception {
        Path renamed = tmp.resolve("model.h5");
        Files.copy(TestData.caseDir("onnx_torch_rnn_tanh_bidir_op12").resolve("model.onnx"), renamed);
        assertEquals("onnx", ModelImporter.readGraph(renamed).metadata().get("format"));
    }

    @Test
    void clipBoundsMustBeScalarsAndRunTimeSizesOfStepsHoldThreeValues() {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", -1, 3, 5)).addInput(input("lo", 2))
                .addInput(input("sizes", 4)).addInitializer(floats("hi", 1, 1))
                .addNode(NodeProto.newBuilder().setOpType("Clip").setName("clip").addInput("x").addInput("lo").addInput("hi")
                        .addOutput("y"))
                .addNode(NodeProto.newBuilder().setOpType("Resize").setName("resize").addInput("x").addInput("").addInput("")
                        .addInput("sizes").addOutput("z"))
                .addOutput(input("y")).addOutput(input("z"));
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model(g), "bounds.onnx"));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("node 'clip' (Clip): input 1 (min, 'lo') must be a scalar (shape [] or [1]), got"
                + " shape [2]"), e.getMessage());
        assertTrue(e.getMessage().contains("input 2 (max, 'hi') must be a scalar (shape [] or [1]), got shape [1, 1]"),
                e.getMessage());
        assertTrue(e.getMessage().contains("node 'resize' (Resize): sizes 'sizes' of steps must hold 3 values [batch, channels,"
                + " steps], got shape [4]"), e.getMessage());
    }

    private static AttributeProto graph(String name, GraphProto.Builder g) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.GRAPH).setG(g.setName(name)).build();
    }

    private static ValueInfoProto typed(String name, int elemType, long... dims) {
        ValueInfoProto v = input(name, dims);
        return v.toBuilder().setType(v.getType().toBuilder().setTensorType(v.getType().getTensorType().toBuilder()
                .setElemType(elemType))).build();
    }

    /** A Loop body of a float carried value v: (i, cond, v) -> (cond, v + v), with {@code nodes} before. */
    private static GraphProto.Builder doubling(NodeProto.Builder... nodes) {
        GraphProto.Builder body = GraphProto.newBuilder().addInput(typed("i", 7)).addInput(typed("c", 9)).addInput(input("v", 2))
                .addNode(NodeProto.newBuilder().setOpType("Add").addInput("v").addInput("v").addOutput("v_next"))
                .addOutput(typed("c", 9)).addOutput(input("v_next"));
        for (NodeProto.Builder n : nodes) {
            body.addNode(n);
        }
        return body;
    }

    private static NodeProto.Builder loop(String name, String m, String cond, GraphProto.Builder body) {
        return NodeProto.newBuilder().setOpType("Loop").setName(name).addInput(m).addInput(cond).addInput("x")
                .addOutput(name + "_out").addAttribute(graph("body", body));
    }

    @Test
    void controlFlowThatCannotRunIsRefusedNamingTheNodeOptionAndValue() {
        NodeProto.Builder unknown = NodeProto.newBuilder().setOpType("DeformConv").setName("deform").addInput("v").addOutput("d");
        GraphProto.Builder then = GraphProto.newBuilder().addNode(NodeProto.newBuilder().setOpType("Cast").addInput("x")
                .addOutput("xi").addAttribute(attr("to", 7))).addOutput(input("xi"));
        GraphProto.Builder otherwise = GraphProto.newBuilder().addNode(NodeProto.newBuilder().setOpType("Neg").addInput("x")
                .addOutput("xn")).addOutput(input("xn"));
        GraphProto.Builder sequenceBody = doubling();
        sequenceBody.setInput(2, ValueInfoProto.newBuilder().setName("v").setType(TypeProto.newBuilder().setSequenceType(
                TypeProto.Sequence.newBuilder().setElemType(input("e").getType()))));
        GraphProto.Builder scanBody = GraphProto.newBuilder().addInput(input("row", 3))
                .addNode(NodeProto.newBuilder().setOpType("Relu").addInput("row").addOutput("r")).addOutput(input("r"));
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", 2, 3)).addInput(typed("flag", 9))
                .addInitializer(longs("minus", -3)).addInitializer(longs("many", 1L << 40))
                .addNode(loop("forever", "", "", doubling()))
                .addNode(loop("negative", "minus", "", doubling()))
                .addNode(loop("huge", "many", "", doubling()))
                .addNode(loop("inner", "many", "flag", doubling(unknown)))
                .addNode(loop("sequence", "", "flag", sequenceBody))
                .addNode(NodeProto.newBuilder().setOpType("If").setName("mixed").addInput("flag").addOutput("mixed_out")
                        .addAttribute(graph("then_branch", then)).addAttribute(graph("else_branch", otherwise)))
                .addNode(NodeProto.newBuilder().setOpType("Scan").setName("scan").addInput("x").addOutput("scan_out")
                        .addAttribute(attr("num_scan_inputs", 1)).addAttribute(attr("scan_input_axes", new long[] {5}))
                        .addAttribute(graph("body", scanBody)))
                .addOutput(input("forever_out"));
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model(g, 17), "flow.onnx"));
        String m = e.getMessage();
        assertTrue(m.contains("node 'forever' (Loop): has neither a trip count M (input 0) nor a condition (input 1): the loop"
                + " would never end"), m);
        assertTrue(m.contains("node 'negative' (Loop): trip count M is -3; keras4j runs 0 to 1048576 (2^20) iterations"), m);
        assertTrue(m.contains("node 'huge' (Loop): trip count M is 1099511627776; keras4j runs 0 to 1048576"), m);
        assertTrue(m.contains("node 'inner' (Loop): body: node 'deform' (DeformConv): operator DeformConv is not supported"), m);
        assertTrue(m.contains("node 'sequence' (Loop): body: input 'v' is a SEQUENCE_TYPE; keras4j takes tensors only"), m);
        assertTrue(m.contains("node 'mixed' (If): output 0 is int64 of rank 2 in then_branch but float of rank 2 in"
                + " else_branch; keras4j needs the same element type and rank from both"), m);
        assertTrue(m.contains("node 'scan' (Scan): attribute scan_input_axes is [5]; value 0 must be in -2 to 1 (rank 2)"), m);
        assertEquals(7, e.problems().size(), m);
    }

    private static ValueInfoProto sequence(String name) {
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setSequenceType(
                TypeProto.Sequence.newBuilder().setElemType(input("e").getType()))).build();
    }

    /** A Loop body carrying sequence s: (i, cond, s) -> (cond, SequenceInsert(s, x, position...)). */
    private static GraphProto.Builder appending(String... position) {
        NodeProto.Builder insert = NodeProto.newBuilder().setOpType("SequenceInsert").addInput("s").addInput("x")
                .addOutput("s_next");
        Arrays.stream(position).forEach(insert::addInput);
        return GraphProto.newBuilder().addInput(typed("i", 7)).addInput(typed("c", 9)).addInput(sequence("s"))
                .addNode(insert).addOutput(typed("c", 9)).addOutput(sequence("s_next"));
    }

    private static NodeProto.Builder node(String op, String name, String... inputs) {
        return NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(List.of(inputs)).addOutput(name + "_out");
    }

    /**
     * A 1-D split along an axis whose size is known only at run time must sum to that size, as ONNX Runtime checks (its
     * Split and SplitToSequence fail otherwise): keras4j refuses the call instead of dropping the rest of the axis.
     */
    @Test
    void splitSizesMustSumToTheRunTimeSizeOfTheAxis() throws Exception {
        for (String op : List.of("Split", "SplitToSequence")) {
            GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", -1, 3)).addInitializer(longs("sizes", 1, 1))
                    .addNode(NodeProto.newBuilder().setOpType(op).setName("split").addInput("x").addInput("sizes")
                            .addOutput("a").addOutput(op.equals("Split") ? "b" : "").build())
                    .addNode(op.equals("Split") ? NodeProto.newBuilder().setOpType("Concat").setName("join").addInput("a")
                            .addInput("b").addOutput("y").addAttribute(attr("axis", 1)).build()
                            : NodeProto.newBuilder().setOpType("ConcatFromSequence").setName("join").addInput("a")
                            .addOutput("y").addAttribute(attr("axis", 1)).build())
                    .addOutput(input("y"));
            if (op.equals("SplitToSequence")) {
                g.getNodeBuilder(0).clearOutput().addOutput("a");
            }
            io.keras4j.runtime.Model m = ModelImporter.load(model(g, 17), op + ".onnx");
            float[] two = {0, 1, 2, 3, 4, 5};
            assertArrayEquals(two, m.predict(io.keras4j.runtime.Tensor.of(two, 2, 3)).toArray(), op);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> m.predict(io.keras4j.runtime.Tensor.of(new float[9], 3, 3)), op);
            assertTrue(e.getMessage().contains("layer 'split' (Reshape): cannot reshape (3, 3) (9 values) to (2, 3)"),
                    e.getMessage());
        }
    }

    @Test
    void sequencesAndOptionalsNotResolvedAtImportAreRefusedByName() {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", -1, 3)).addInput(typed("p", 7))
                .addInitializer(longs("two", 2)).addInitializer(longs("five", 5))
                .addInitializer(TensorProto.newBuilder().setName("chunk").setDataType(7).addInt64Data(2))
                .addNode(node("SequenceEmpty", "empty"))
                .addNode(node("SequenceConstruct", "pair", "x", "x"))
                .addNode(node("Loop", "appends", "two", "", "empty_out").addAttribute(graph("body", appending())))
                .addNode(node("Loop", "inserts_first", "two", "", "empty_out").addAttribute(graph("body", appending("two"))))
                .addNode(node("SequenceInsert", "after_loop", "appends_out", "x"))
                .addNode(node("SequenceAt", "run_time_position", "pair_out", "p"))
                .addNode(node("SequenceErase", "far", "pair_out", "five"))
                .addNode(node("Relu", "relu", "pair_out"))
                .addNode(node("SplitToSequence", "chunks", "x", "chunk"))
                .addNode(node("Optional", "nothing").addAttribute(AttributeProto.newBuilder().setName("type")
                        .setType(AttributeProto.AttributeType.TYPE_PROTO)))
                .addNode(node("OptionalGetElement", "get", "nothing_out"))
                .addOutput(sequence("pair_out"));
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model(g, 18), "seq.onnx"));
        String m = e.getMessage();
        assertTrue(m.contains("node 'inserts_first' (Loop): carried value 0 ('empty_out') is a sequence; keras4j carries one"
                + " only when it starts empty (SequenceEmpty) and the body appends one tensor at its end (SequenceInsert"
                + " without a position) and reads it nowhere else"), m);
        assertTrue(m.contains("node 'after_loop' (SequenceInsert): input 0 ('appends_out') is a sequence whose length is known"
                + " only at run time"), m);
        assertTrue(m.contains("node 'run_time_position' (SequenceAt): input 1 (position, 'p') must be a constant"), m);
        assertTrue(m.contains("node 'far' (SequenceErase): position 5 is outside [-2, 1] for a sequence of 2 elements"), m);
        assertTrue(m.contains("node 'relu' (Relu): input 'pair_out' is a sequence, which only the sequence and optional"
                + " operators read"), m);
        assertTrue(m.contains("node 'chunks' (SplitToSequence): axis 0 of input shape (None, 3) has no size known at import,"
                + " so the number of chunks of a scalar split is not known"), m);
        assertTrue(m.contains("node 'get' (OptionalGetElement): the optional 'nothing_out' holds no element"), m);
        assertTrue(m.contains("graph output 'pair_out' is a sequence; keras4j's outputs are tensors"), m);
        assertEquals(8, e.problems().size(), m);
    }

    @Test
    void scanOfOpset8IsRefused() {
        GraphProto.Builder body = GraphProto.newBuilder().addInput(input("row", 3))
                .addNode(NodeProto.newBuilder().setOpType("Relu").addInput("row").addOutput("r")).addOutput(input("r"));
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", 2, 3))
                .addNode(NodeProto.newBuilder().setOpType("Scan").setName("scan").addInput("x").addOutput("y")
                        .addAttribute(attr("num_scan_inputs", 1)).addAttribute(graph("body", body)))
                .addOutput(input("y"));
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model(g, 8), "scan8.onnx"));
        assertTrue(e.getMessage().contains("node 'scan' (Scan): Scan of opset 8 (a batch axis and sequence_lens) is not"
                + " supported; keras4j reads Scan of opset 9 and later"), e.getMessage());
    }

    @Test
    void loopsStopAtABadTripCountOrAfterTheMostIterations() throws Exception {
        NodeProto.Builder still = NodeProto.newBuilder().setOpType("Identity").addInput("c").addOutput("c_out");
        GraphProto.Builder endless = doubling(still);
        endless.setOutput(0, typed("c_out", 9));
        GraphProto.Builder g = GraphProto.newBuilder().addInput(typed("m", 7, -1)).addInput(input("x", 2))
                .addInitializer(TensorProto.newBuilder().setName("yes").setDataType(9).addInt32Data(1))
                .addNode(loop("counted", "m", "", doubling()))
                .addNode(loop("endless", "", "yes", endless))
                .addOutput(input("counted_out")).addOutput(input("endless_out"));
        Model model = ModelImporter.load(model(g, 17), "loops.onnx");
        Tensor x = Tensor.of(new float[] {1, 2}, 2);
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> model.predictAll(Tensor.of(new float[] {-2}, 1), x));
        assertEquals("layer 'counted' (Loop): trip count M is -2; keras4j runs 0 to 1048576 (2^20) iterations", bad.getMessage());
        IllegalArgumentException two = assertThrows(IllegalArgumentException.class,
                () -> model.predictAll(Tensor.of(new float[] {1, 2}, 2), x));
        assertEquals("layer 'counted' (Loop): trip count M must be one value, got 2", two.getMessage());
        IllegalArgumentException endlessRun = assertThrows(IllegalArgumentException.class,
                () -> model.predictAll(Tensor.of(new float[] {3}, 1), x));
        assertEquals("layer 'endless' (Loop): the condition still holds after 1048576 (2^20) iterations, the most keras4j runs",
                endlessRun.getMessage());
    }

    /**
     * An If on a dimension the input declares (Shape with start 1 of x (batch, 6, 3)) is inlined at import; one on the
     * batch dimension, known only at run time, stays an If.
     */
    @Test
    void anIfOnADeclaredDimensionIsInlinedAtImport() throws Exception {
        GraphProto.Builder relu = GraphProto.newBuilder().addNode(NodeProto.newBuilder().setOpType("Relu").addInput("x")
                .addOutput("r")).addOutput(input("r"));
        GraphProto.Builder neg = GraphProto.newBuilder().addNode(NodeProto.newBuilder().setOpType("Neg").addInput("x")
                .addOutput("n")).addOutput(input("n"));
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", -1, 6, 3))
                .addInitializer(longs("zero", 0)).addInitializer(longs("four", 4))
                .addNode(NodeProto.newBuilder().setOpType("Shape").addInput("x").addOutput("tail").addAttribute(attr("start", 1)))
                .addNode(NodeProto.newBuilder().setOpType("Shape").addInput("x").addOutput("whole"))
                .addNode(NodeProto.newBuilder().setOpType("Gather").addInput("tail").addInput("zero").addOutput("steps"))
                .addNode(NodeProto.newBuilder().setOpType("Gather").addInput("whole").addInput("zero").addOutput("batch"))
                .addNode(NodeProto.newBuilder().setOpType("Greater").addInput("steps").addInput("four").addOutput("long"))
                .addNode(NodeProto.newBuilder().setOpType("Greater").addInput("batch").addInput("four").addOutput("big"))
                .addNode(NodeProto.newBuilder().setOpType("If").setName("on_steps").addInput("long").addOutput("y1")
                        .addAttribute(graph("then_branch", relu)).addAttribute(graph("else_branch", neg)))
                .addNode(NodeProto.newBuilder().setOpType("If").setName("on_batch").addInput("big").addOutput("y2")
                        .addAttribute(graph("then_branch", relu.clone())).addAttribute(graph("else_branch", neg.clone())))
                .addOutput(input("y1")).addOutput(input("y2"));
        Model model = ModelImporter.load(model(g, 17), "declared.onnx");
        assertEquals(List.of("on_batch"), model.graph().nodes().stream().filter(n -> n.op().type().equals("If"))
                .map(n -> n.name()).toList());
        float[] x = new float[18];
        for (int i = 0; i < x.length; i++) {
            x[i] = i - 9;
        }
        Tensor[] y = model.predictAll(Tensor.of(x, 1, 6, 3));
        for (int i = 0; i < x.length; i++) {
            assertEquals(Math.max(x[i], 0), y[0].get(0, i / 3, i % 3));
            assertEquals(-x[i], y[1].get(0, i / 3, i % 3));
        }
    }

    /**
     * A carried value that doubles in length each iteration (v <- Concat(v, v), its sum scanned) has its body planned
     * again for each new length, call after call; where the loop's input declares the length, the second iteration is
     * refused.
     */
    @Test
    void aCarriedValueThatChangesShapeIsPlannedAgainOrRefusedWhereDeclared() throws Exception {
        GraphProto.Builder body = GraphProto.newBuilder().addInput(typed("i", 7)).addInput(typed("c", 9)).addInput(input("v", -1))
                .addNode(NodeProto.newBuilder().setOpType("Concat").addInput("v").addInput("v").addOutput("v_next")
                        .addAttribute(attr("axis", 0)))
                .addNode(NodeProto.newBuilder().setOpType("ReduceSum").addInput("v_next").addOutput("s")
                        .addAttribute(attr("keepdims", 0)))
                .addOutput(typed("c", 9)).addOutput(input("v_next")).addOutput(input("s"));
        for (long n : new long[] {-1, 2}) {
            GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", n)).addInitializer(longs("three", 3))
                    .addNode(NodeProto.newBuilder().setOpType("Loop").setName("grow").addInput("three").addInput("")
                            .addInput("x").addOutput("v_last").addOutput("sums").addAttribute(graph("body", body)))
                    .addOutput(input("v_last")).addOutput(input("sums"));
            Model model = ModelImporter.load(model(g, 17), "grow.onnx");
            Tensor x = Tensor.of(new float[] {1, 2}, 2);
            if (n < 0) {
                for (int call = 0; call < 2; call++) {
                    Tensor[] y = model.predictAll(x);
                    assertEquals(16, y[0].size());
                    assertArrayEquals(new float[] {6, 12, 24}, y[1].toArray());
                }
            } else {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.predictAll(x));
                assertEquals("layer 'grow' (Loop): input 'v' expects shape (2,) but was given (4,)", e.getMessage());
            }
        }
    }

    @Test
    void scanOutputsThatWouldNotFitTheHeapStopWithAMessage() throws Exception {
        GraphProto.Builder wide = doubling(NodeProto.newBuilder().setOpType("Expand").addInput("v").addInput("width")
                .addOutput("row")).addOutput(input("row"));
        GraphProto.Builder rowBody = GraphProto.newBuilder().addInput(input("x_row"))
                .addNode(NodeProto.newBuilder().setOpType("Expand").addInput("x_row").addInput("width").addOutput("r"))
                .addOutput(input("r"));
        GraphProto.Builder g = GraphProto.newBuilder().addInput(typed("m", 7)).addInput(input("x", 2)).addInput(input("xs", -1, 1))
                .addInitializer(longs("width", 1 << 15, 2))
                .addNode(loop("counted", "m", "", wide).addOutput("rows"))
                .addNode(NodeProto.newBuilder().setOpType("Scan").setName("scan").addInput("xs").addOutput("scanned")
                        .addAttribute(attr("num_scan_inputs", 1)).addAttribute(graph("body", rowBody)))
                .addOutput(input("rows")).addOutput(input("scanned"));
        Model model = ModelImporter.load(model(g, 17), "wide.onnx");
        Tensor x = Tensor.of(new float[] {1, 2}, 2);
        Tensor xs = Tensor.of(new float[1 << 20], 1 << 20, 1);
        assertEquals(3, model.predictAll(Tensor.of(new float[] {3}), x, Tensor.of(new float[2], 2, 1))[0].shape()[0]);
        IllegalArgumentException loop = assertThrows(IllegalArgumentException.class,
                () -> model.predictAll(Tensor.of(new float[] {1 << 20}), x, xs));
        assertTrue(loop.getMessage().startsWith("layer 'counted' (Loop): the scan outputs of 1048576 iterations need 524288 MiB"
                + " with their stacked copies, more than the Java heap's maximum"), loop.getMessage());
        IllegalArgumentException scan = assertThrows(IllegalArgumentException.class,
                () -> model.predictAll(Tensor.of(new float[] {3}), x, xs));
        assertTrue(scan.getMessage().startsWith("layer 'scan' (Scan): the scan outputs of 1048576 iterations need 524288 MiB"),
                scan.getMessage());
    }
}
