package io.keras4j.cli;

import io.keras4j.importer.CaseFolder;
import io.keras4j.importer.onnx.OnnxExporter;
import io.keras4j.runtime.Model;
import io.keras4j.runtime.Tensor;
import io.keras4j.runtime.graph.Graph;
import io.keras4j.runtime.io.NativeModel;
import io.keras4j.runtime.io.Npy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code keras4j convert MODEL OUT.k4j [--golden DIR | --input X.npy --output Y.npy]} or {@code convert MODEL OUT.onnx}. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Converts MODEL (.h5, .keras, .onnx, .k4j) into the native .k4j file or into an ONNX model.",
                "The .k4j file is what the runtime jar loads alone. OUT.onnx (a Keras model) gets native LSTM, GRU and RNN"
                        + " nodes (masked ones, and those with activations the ONNX recurrent operators do not name, as a Scan of"
                        + " the Keras cell, a masked one selecting by the mask, exact for any mask), ConvLSTM as a"
                        + " Scan of convolutions, convolutions,"
                        + " pooling, normalizations, merges (masked too), masked softmax, Attention, AdditiveAttention and"
                        + " MultiHeadAttention's attention"
                        + " and the primitives of Keras operations, a dynamic batch dimension, opset " + OnnxExporter.OPSET
                        + "; what ONNX cannot express exactly (stateful RNNs, TensorFlow's same padding on sizes known"
                        + " only at run time, some activations and layers such as adaptive pooling) is refused with the reason.",
                "With --golden DIR (a case folder) or --input/--output .npy files, the model must first reproduce"
                        + " those outputs; they are then embedded in the .k4j file as test vectors that a load can check."})
final class ConvertCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "The file to write: OUT.k4j or OUT.onnx.")
    Path out;

    @Option(names = "--golden", paramLabel = "DIR", description = "A case folder whose first call becomes the test vectors (its import options apply).")
    Path golden;

    @Option(names = "--input", paramLabel = "X.npy", description = "Test vector inputs, in model order.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--output", paramLabel = "Y.npy", description = "Expected outputs of those inputs, in model order.")
    List<Path> outputs = new ArrayList<>();

    @Option(names = "--assume-right-padding", description = {"ONNX only: masked RNNs (Masking, Embedding mask_zero)"
            + " whose outputs ONNX sequence_lens matches become native nodes taking the number of valid steps as"
            + " sequence_lens instead of a Scan.", "Exact only if every input sequence is padded at the end."})
    boolean assumeRightPadding;

    @Mixin
    ConfigMixin config;

    @Mixin
    ImportMixin importing;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String outName = out.getFileName().toString();
        boolean onnx = outName.endsWith(".onnx");
        if (!onnx && !outName.endsWith(".k4j")) {
            throw new IllegalArgumentException("output " + out + ": give a .k4j or .onnx file name");
        }
        if (onnx && (golden != null || !inputs.isEmpty() || !outputs.isEmpty())) {
            throw new IllegalArgumentException("--golden, --input and --output embed test vectors in a .k4j file;"
                    + " an ONNX file " + out + " holds none");
        }
        if (!onnx && assumeRightPadding) {
            throw new IllegalArgumentException("--assume-right-padding applies to ONNX output, not to " + out);
        }
        Path folder = out.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("output " + out + ": the folder " + folder + " does not exist");
        }
        CaseFolder goldenCase = golden == null ? null : CaseFolder.open(golden);
        Graph graph = config.readGraph(in, goldenCase == null ? importing.options()
                : goldenCase.importOptions(importing.options()));
        NativeModel.TestVectors vectors = onnx ? null : vectors(goldenCase);
        if (vectors != null) {
            String failure = NativeModel.check(Model.of(graph), vectors);
            if (failure != null) {
                throw new IllegalArgumentException(in + " does not reproduce the given outputs, nothing written: " + failure);
            }
        }
        byte[] onnxBytes = onnx ? OnnxExporter.export(graph, in.toString(), assumeRightPadding) : null;
        Path tmp = Files.createTempFile(folder, ".keras4j-", ".part");
        try {
            if (onnx) {
                Files.write(tmp, onnxBytes);
            } else {
                NativeModel.write(graph, vectors, tmp);
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        spec.commandLine().getOut().printf("wrote %s (%d bytes, %d nodes%s)%n", out, Files.size(out), graph.nodes().size(),
                onnx ? ", ONNX opset " + OnnxExporter.OPSET : vectors == null ? "" : ", with test vectors");
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The test vectors the input holds when it is a .k4j file, else null. */
    private NativeModel.TestVectors nativeVectors() throws Exception {
        byte[] head = new byte[8];
        int n;
        try (var s = Files.newInputStream(in)) {
            n = s.readNBytes(head, 0, head.length);
        }
        return NativeModel.isNativeModel(head, n) ? NativeModel.read(in).vectors() : null;
    }

    /** The test vectors to embed: {@code goldenCase}'s (the {@code --golden} folder, or null), given ones or kept ones. */
    private NativeModel.TestVectors vectors(CaseFolder c) throws Exception {
        if (c != null) {
            if (!inputs.isEmpty() || !outputs.isEmpty()) {
                throw new IllegalArgumentException("give either --golden or --input/--output, not both");
            }
            return new NativeModel.TestVectors(c.inputs(), c.outputs(), c.atol(), c.rtol());
        }
        if (inputs.isEmpty() && outputs.isEmpty()) {
            return nativeVectors(); // a .k4j converted into a .k4j again keeps its own
        }
        if (inputs.isEmpty() || outputs.isEmpty()) {
            throw new IllegalArgumentException("test vectors need both --input and --output");
        }
        List<Tensor> x = new ArrayList<>();
        for (Path p : inputs) {
            x.add(Npy.read(p));
        }
        List<Tensor> y = new ArrayList<>();
        for (Path p : outputs) {
            y.add(Npy.read(p));
        }
        return new NativeModel.TestVectors(x, y, CaseFolder.DEFAULT_TOLERANCE, CaseFolder.DEFAULT_TOLERANCE);
    }
}
