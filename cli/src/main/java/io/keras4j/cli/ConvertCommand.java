package io.keras4j.cli;

import io.keras4j.importer.ModelImporter;
import io.keras4j.importer.onnx.OnnxExporter;
import io.keras4j.runtime.graph.Graph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code keras4j convert MODEL OUT.onnx}. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Writes a Keras model (.h5 or .keras) as an ONNX model that ONNX Runtime runs: native LSTM, GRU"
                + " and RNN nodes, a dynamic batch dimension, opset " + OnnxExporter.OPSET + ".",
                "Layers ONNX cannot express exactly (masked or stateful RNNs, some activations) are refused with the reason."})
final class ConvertCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "A Keras .h5 or .keras file (or an ONNX model).")
    Path model;

    @Parameters(index = "1", paramLabel = "OUT.onnx", description = "The ONNX file to write.")
    Path out;

    @Option(names = "--assume-right-padding", description = {"Masked RNNs (Masking, Embedding mask_zero) take the number of"
            + " valid steps as ONNX sequence_lens.", "Exact only if every input sequence is padded at the end; refused otherwise."})
    boolean assumeRightPadding;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Graph g = ModelImporter.readGraph(model);
        byte[] onnx = OnnxExporter.export(g, model.toString(), assumeRightPadding);
        Files.write(out, onnx);
        spec.commandLine().getOut().printf("wrote %s: %d inputs, %d outputs, %d bytes, ONNX opset %d%n", out,
                g.inputs().size(), g.outputs().size(), onnx.length, OnnxExporter.OPSET);
        return 0;
    }
}
