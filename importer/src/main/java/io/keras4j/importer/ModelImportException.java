package io.keras4j.importer;

import java.io.IOException;
import java.util.List;

/** A model file that keras4j cannot import; the message names the file and lists every problem found. */
public final class ModelImportException extends IOException {
    private final String file;
    private final List<String> problems;

    public ModelImportException(String file, List<String> problems) {
        super(message(file, problems));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public ModelImportException(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.problems = List.of(problem);
    }

    /** The file (or files, or in-memory name) that could not be imported. */
    public String file() {
        return file;
    }

    /** Each problem, one line each, without the file name. */
    public List<String> problems() {
        return problems;
    }

    private static String message(String file, List<String> problems) {
        if (problems.size() == 1) {
            return file + ": " + problems.get(0);
        }
        return file + ": " + problems.size() + " problems: " + String.join("; ", problems);
    }
}
