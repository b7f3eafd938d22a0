package io.keras4j.cli;

import io.keras4j.importer.ModelImportException;
import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.graph.Graph;
import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.graph.ValueInfo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code keras4j inspect MODEL}: a Keras-style summary, or every reason the model cannot run. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Prints a summary of MODEL (layer, type, output shape, parameters), its format and Keras version.",
                "If keras4j cannot run it, lists every unsupported layer and option (or what is damaged) on one line and exits 1."})
final class InspectCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL")
    Path model;

    @Mixin
    ConfigMixin config;

    @Mixin
    ImportMixin importing;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Graph graph;
        try {
            graph = config.readGraph(model, importing.options());
        } catch (ModelImportException e) {
            out.printf("%s cannot run in keras4j: %s%n", e.file(), e.summary());
            out.flush();
            return Main.MISMATCH;
        }
        out.println("Model: " + model);
        graph.metadata().forEach((k, v) -> out.println("  " + k + ": " + v));
        for (ValueInfo in : graph.inputs()) {
            out.printf("  input  %s %s%n", in.name(), Shapes.toString(in.shape()));
        }
        for (ValueInfo o : graph.outputs()) {
            out.printf("  output %s %s%n", o.name(), Shapes.toString(o.shape()));
        }
        String rule = "-".repeat(92);
        out.println(rule);
        out.printf("%-40s %-20s %-20s %10s%n", "Node", "Type", "Output shape", "Param #");
        out.println(rule);
        long total = 0;
        for (Node node : graph.nodes()) {
            long params = node.op().parameterCount();
            total += params;
            out.printf("%-40s %-20s %-20s %10d%n", node.name(), node.op().type(),
                    Shapes.toString(graph.shape(node.outputs().get(0))), params);
        }
        out.println(rule);
        out.printf("Total params: %,d (%s)%n", total, bytes(4 * total));
        out.flush();
        return 0;
    }

    private static String bytes(long n) {
        return n < 1 << 20 ? String.format("%.1f KB", n / 1024.0) : String.format("%.1f MB", n / (1024.0 * 1024));
    }
}
