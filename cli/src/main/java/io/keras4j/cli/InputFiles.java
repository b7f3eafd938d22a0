package io.keras4j.cli;

import io.keras4j.runtime.Model;
import io.keras4j.runtime.Tensor;
import io.keras4j.runtime.io.Npy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Model inputs read from files: {@code .npy}, or {@code .csv} for a model with one input and one output. */
final class InputFiles {
    private InputFiles() {
    }

    /** One tensor per file, in model order; {@code model} names the model file in messages. */
    static Tensor[] read(List<Path> files, Model m, Path model) throws IOException {
        if (files.size() != m.inputs().size()) {
            throw new IllegalArgumentException(model + " takes " + m.inputs().size() + " input(s) " + m.inputs()
                    + " but " + files.size() + " --input were given");
        }
        Tensor[] x = new Tensor[files.size()];
        for (int i = 0; i < x.length; i++) {
            Path f = files.get(i);
            x[i] = isCsv(f, m) ? Csv.read(f, m.inputs().get(i).shape()) : Npy.read(f);
        }
        return x;
    }

    /** Whether {@code file} is a {@code .csv}, which only a model with one input and one output reads and writes. */
    static boolean isCsv(Path file, Model m) {
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return false;
        }
        if (m.inputs().size() != 1 || m.outputs().size() != 1) {
            throw new IllegalArgumentException(file + ": CSV is for models with one input and one output; use .npy");
        }
        return true;
    }
}
