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
        super(oneLine(file + ": " + problem), cause);
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
            return oneLine(file + ": " + problems.get(0));
        }
        return oneLine(file + ": " + problems.size() + " problems: " + String.join("; ", problems));
    }

    /** The message with line breaks and other control characters (from names in a file) escaped as backslash-u and four hex digits. */
    static String oneLine(String message) {
        StringBuilder out = new StringBuilder(message.length());
        message.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
