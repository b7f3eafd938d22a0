package io.keras4j.cli;

import io.keras4j.importer.CaseFolder;
import io.keras4j.importer.ModelImporter;
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
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code keras4j convert IN OUT.k4j [--golden DIR | --input X.npy --output Y.npy]}. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Converts a model (.h5, .keras, .k4j) into the native .k4j file, which the runtime jar loads alone.",
                "With --golden DIR (a case folder) or --input/--output .npy files, the model must first reproduce",
                "those outputs; they are then embedded as test vectors that a load can check."})
final class ConvertCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT.k4j")
    Path out;

    @Option(names = "--golden", paramLabel = "DIR", description = "A case folder whose first call becomes the test vectors.")
    Path golden;

    @Option(names = "--input", paramLabel = "X.npy", description = "Test vector inputs, in model order.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--output", paramLabel = "Y.npy", description = "Expected outputs of those inputs, in model order.")
    List<Path> outputs = new ArrayList<>();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!out.getFileName().toString().endsWith(".k4j")) {
            throw new IllegalArgumentException("output " + out + ": give a .k4j file name");
        }
        Graph graph = ModelImporter.readGraph(in);
        NativeModel.TestVectors vectors = vectors();
        if (vectors != null) {
            String failure = NativeModel.check(Model.of(graph), vectors);
            if (failure != null) {
                throw new IllegalArgumentException(in + " does not reproduce the given outputs, nothing written: " + failure);
            }
        }
        Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), ".keras4j-", ".k4j.part");
        try {
            NativeModel.write(graph, vectors, tmp);
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        spec.commandLine().getOut().printf("wrote %s (%d bytes, %d nodes%s)%n", out, Files.size(out), graph.nodes().size(),
                vectors == null ? "" : ", with test vectors");
        spec.commandLine().getOut().flush();
        return 0;
    }

    private NativeModel.TestVectors vectors() throws Exception {
        if (golden != null) {
            if (!inputs.isEmpty() || !outputs.isEmpty()) {
                throw new IllegalArgumentException("give either --golden or --input/--output, not both");
            }
            CaseFolder c = CaseFolder.open(golden);
            return new NativeModel.TestVectors(c.inputs(), c.outputs(), c.atol(), c.rtol());
        }
        if (inputs.isEmpty() && outputs.isEmpty()) {
            return null;
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
