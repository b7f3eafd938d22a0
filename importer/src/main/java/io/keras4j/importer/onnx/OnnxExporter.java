package io.keras4j.importer.onnx;

import io.keras4j.importer.onnx.export.OnnxWriter;
import io.keras4j.importer.onnx.proto.Onnx.GraphProto;
import io.keras4j.importer.onnx.proto.Onnx.ModelProto;
import io.keras4j.importer.onnx.proto.Onnx.OperatorSetIdProto;
import io.keras4j.importer.onnx.proto.Onnx.TensorShapeProto;
import io.keras4j.importer.onnx.proto.Onnx.TypeProto;
import io.keras4j.importer.onnx.proto.Onnx.ValueInfoProto;
import io.keras4j.runtime.graph.Graph;
import io.keras4j.runtime.graph.ValueInfo;

/**
 * Writes a graph of Keras layers as an ONNX model that ONNX Runtime runs, with a dynamic batch dimension: native LSTM,
 * GRU and RNN nodes between batch↔time Transposes (masked ones as a Scan), ConvLSTM as a Scan of convolutions, Dense as MatMul + Add, activations as ONNX operators,
 * convolutions, transposed convolutions, poolings and resizing between channels-first↔last Transposes with Keras'
 * padding as explicit pads, normalizations in Keras' float32 steps, merges and their masks, Dot, reshapes, softmax,
 * padding, and the primitives Keras ops become
 * (values that ONNX wants as int64 or bool are cast, and truth values written back as 1 and 0). Each runtime op has its exporter in
 * {@code io.keras4j.importer.onnx.export}. Opset {@value #OPSET}, IR version {@value #IR_VERSION}.
 *
 * <p>A masked recurrent layer (after Masking, Embedding with mask_zero) is a Scan whose body computes one step of the
 * cell and selects with Where on the step's mask, exact for any mask; with {@code assumeRightPadding}, one whose outputs
 * ONNX can match is a native node taking the count of valid steps as {@code sequence_lens} instead, exact when every
 * sequence is padded at the end (which a converted model cannot check). Masked merges and softmax, and the attention
 * inside MultiHeadAttention, are written with Where on the masks.
 *
 * <p>Refused, with the reason: stateful layers, activations without an ONNX equivalent, TensorFlow's same padding where
 * ONNX pads cannot say it, TensorFlow's bicubic resizing and nearest resizing by other than whole factors, adaptive
 * pooling, what opset 17 lacks (padding in wrap mode or by counts read at run time), and ops without an exporter (the
 * README's Export section lists the layers that have one).
 */
public final class OnnxExporter {
    /** The operator set the exporter writes. */
    public static final int OPSET = 17;
    /** The IR version the exporter writes. */
    public static final int IR_VERSION = 8;

    private OnnxExporter() {
    }

    /**
     * The ONNX model of {@code graph}.
     *
     * @param name the model's name in messages
     * @throws OnnxExportException listing every layer that cannot be written, and why
     */
    public static byte[] export(Graph graph, String name) throws OnnxExportException {
        return export(graph, name, false);
    }

    /**
     * The ONNX model of {@code graph}; with {@code assumeRightPadding}, masked recurrent layers whose outputs ONNX can
     * match take the number of valid steps as {@code sequence_lens} instead of a Scan, which is exact when every sequence
     * is padded at the end only.
     */
    public static byte[] export(Graph graph, String name, boolean assumeRightPadding) throws OnnxExportException {
        OnnxWriter w = new OnnxWriter(graph, assumeRightPadding);
        w.writeAll();
        if (!w.problems().isEmpty()) {
            throw new OnnxExportException(name, w.problems());
        }
        GraphProto.Builder g = GraphProto.newBuilder().setName(name.replaceAll(".*[/\\\\]", ""))
                .addAllInitializer(w.initializers());
        w.nodes().forEach(g::addNode);
        for (ValueInfo in : graph.inputs()) {
            g.addInput(valueInfo(in));
        }
        for (ValueInfo out : graph.outputs()) {
            g.addOutput(valueInfo(out));
        }
        return ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("keras4j")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(g).build().toByteArray();
    }

    private static ValueInfoProto valueInfo(ValueInfo v) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        int[] s = v.shape();
        for (int d = 0; d < s.length; d++) {
            TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
            if (s[d] >= 0) {
                dim.setDimValue(s[d]);
            } else {
                dim.setDimParam(d == 0 && v.batchFirst() ? "batch" : v.name() + "_dim" + d);
            }
            shape.addDim(dim);
        }
        TypeProto.Tensor.Builder tensor = TypeProto.Tensor.newBuilder().setElemType(DataTypes.FLOAT).setShape(shape);
        return ValueInfoProto.newBuilder().setName(v.name()).setType(TypeProto.newBuilder().setTensorType(tensor)).build();
    }
}
