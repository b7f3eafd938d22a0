package io.keras4j.cli;

import io.keras4j.runtime.Model;
import io.keras4j.runtime.Tensor;
import io.keras4j.runtime.io.Npy;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code keras4j predict MODEL [--config JSON] --input X.npy --output Y.npy}. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Runs MODEL (.h5, .keras, .onnx, .k4j) on .npy inputs and writes its outputs as float32 .npy files.",
                "Inputs may be float32, float64, integers (int8 to int64, uint8 to uint64) or bool (1 and 0), batch first (ONNX inputs as the model declares them).",
                "A model with one input and one output also takes and writes .csv: one row per sample."})
final class PredictCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "A Keras .h5 or .keras file, an ONNX model, a keras4j .k4j file, or a weights-only .h5 with --config.")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "X.npy", description = "One per model input, in model order.")
    List<Path> inputs;

    @Option(names = "--output", required = true, paramLabel = "Y.npy", description = "One per model output, in model order.")
    List<Path> outputs;

    @Mixin
    ConfigMixin config;

    @Mixin
    ImportMixin importing;

    @Override
    public Integer call() throws Exception {
        Model m = Model.of(config.readGraph(model, importing.options()));
        if (outputs.size() != m.outputs().size()) {
            throw new IllegalArgumentException(model + " gives " + m.outputs().size() + " output(s) " + m.outputs()
                    + " but " + outputs.size() + " --output were given");
        }
        Tensor[] y = m.predictAll(InputFiles.read(inputs, m, model));
        for (int i = 0; i < y.length; i++) {
            if (InputFiles.isCsv(outputs.get(i), m)) {
                Csv.write(outputs.get(i), y[i]);
            } else {
                Npy.write(outputs.get(i), y[i]);
            }
        }
        return 0;
    }
}
