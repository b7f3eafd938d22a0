package io.keras4j.cli;

import io.keras4j.importer.ModelImporter;
import io.keras4j.runtime.Model;
import io.keras4j.runtime.Tensor;
import io.keras4j.runtime.io.Npy;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code keras4j predict MODEL --input X.npy --output Y.npy}. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Runs MODEL on .npy inputs (float32/float64/int32/int64, batch first) and writes float32 .npy outputs.")
final class PredictCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "A Keras .h5 or .keras file, or an ONNX model.")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "X.npy", description = "One per model input, in model order.")
    List<Path> inputs;

    @Option(names = "--output", required = true, paramLabel = "Y.npy", description = "One per model output, in model order.")
    List<Path> outputs;

    @Override
    public Integer call() throws Exception {
        Model m = ModelImporter.load(model);
        if (inputs.size() != m.inputs().size()) {
            throw new IllegalArgumentException(model + " takes " + m.inputs().size() + " input(s) " + m.inputs()
                    + " but " + inputs.size() + " --input were given");
        }
        if (outputs.size() != m.outputs().size()) {
            throw new IllegalArgumentException(model + " gives " + m.outputs().size() + " output(s) " + m.outputs()
                    + " but " + outputs.size() + " --output were given");
        }
        Tensor[] x = new Tensor[inputs.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = Npy.read(inputs.get(i));
        }
        Tensor[] y = m.predictAll(x);
        for (int i = 0; i < y.length; i++) {
            Npy.write(outputs.get(i), y[i]);
        }
        return 0;
    }
}
