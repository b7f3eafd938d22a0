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

/** {@code keras4j predict MODEL [--config JSON] --input X.npy --output Y.npy}. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Runs MODEL (.h5, .keras, .k4j) on .npy inputs (float32/float64/int32/int64, batch first) and writes",
                "float32 .npy outputs. A model with one input and one output also takes and writes .csv: one row per sample."})
final class PredictCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "A Keras .h5 or .keras file, a keras4j .k4j file, or a weights-only .h5 with --config.")
    Path model;

    @Option(names = "--config", paramLabel = "JSON", description = "The model's config (model.to_json()) when MODEL holds only weights.")
    Path config;

    @Option(names = "--input", required = true, paramLabel = "X.npy", description = "One per model input, in model order.")
    List<Path> inputs;

    @Option(names = "--output", required = true, paramLabel = "Y.npy", description = "One per model output, in model order.")
    List<Path> outputs;

    @Override
    public Integer call() throws Exception {
        Model m = config == null ? ModelImporter.load(model) : ModelImporter.load(model, config);
        if (inputs.size() != m.inputs().size()) {
            throw new IllegalArgumentException(model + " takes " + m.inputs().size() + " input(s) " + m.inputs()
                    + " but " + inputs.size() + " --input were given");
        }
        if (outputs.size() != m.outputs().size()) {
            throw new IllegalArgumentException(model + " gives " + m.outputs().size() + " output(s) " + m.outputs()
                    + " but " + outputs.size() + " --output were given");
        }
        boolean single = m.inputs().size() == 1 && m.outputs().size() == 1;
        Tensor[] x = new Tensor[inputs.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = isCsv(inputs.get(i), single) ? Csv.read(inputs.get(i), m.inputs().get(i).shape()) : Npy.read(inputs.get(i));
        }
        Tensor[] y = m.predictAll(x);
        for (int i = 0; i < y.length; i++) {
            if (isCsv(outputs.get(i), single)) {
                Csv.write(outputs.get(i), y[i]);
            } else {
                Npy.write(outputs.get(i), y[i]);
            }
        }
        return 0;
    }

    private static boolean x1(Model m) {
        return m.inputs().size() == 1 && m.outputs().size() == 1;
    }

    private static boolean isCsv(Path p, boolean single) {
        if (!p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
            return false;
        }
        if (!single) {
            throw new IllegalArgumentException(p + ": CSV is for models with one input and one output; use .npy");
        }
        return true;
    }
}
