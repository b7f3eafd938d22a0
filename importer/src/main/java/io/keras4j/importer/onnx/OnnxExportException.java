package io.keras4j.importer.onnx;

import java.io.IOException;
import java.util.List;

/** A graph that cannot be written as ONNX; the message lists every layer that cannot, and why. */
public final class OnnxExportException extends IOException {
    private final List<String> problems;

    public OnnxExportException(String model, List<String> problems) {
        super(model + ": cannot be written as ONNX: " + (problems.size() == 1 ? problems.get(0)
                : problems.size() + " problems: " + String.join("; ", problems)));
        this.problems = List.copyOf(problems);
    }

    /** Each problem, one line each. */
    public List<String> problems() {
        return problems;
    }
}
