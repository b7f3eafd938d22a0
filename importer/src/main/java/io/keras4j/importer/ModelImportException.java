package io.keras4j.importer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A model file that keras4j cannot import; the message names the file and lists every problem found (a list of
 * supported layers or operators repeated by several problems appears once, with the first).
 */
public final class ModelImportException extends IOException {
    /** How a problem lists what keras4j supports instead; the message gives each such list once. */
    public static final String SUPPORTED = " (supported: ";

    private final String file;
    private final List<String> problems;

    public ModelImportException(String file, List<String> problems) {
        super(message(file, problems));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public ModelImportException(String file, String problem, Throwable cause) {
        super(message(file, List.of(problem)), cause);
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

    /**
     * Every problem on one line, without the file name: the problem itself, or {@code "N problems: "} and the problems
     * separated by {@code "; "}.
     */
    public String summary() {
        return oneLine(joined(problems));
    }

    private static String message(String file, List<String> problems) {
        return oneLine(file + ": " + joined(problems));
    }

    private static String joined(List<String> problems) {
        if (problems.size() == 1) {
            return problems.get(0);
        }
        List<String> shown = new ArrayList<>(problems.size());
        Set<String> listed = new HashSet<>();
        for (String p : problems) {
            int at = p.indexOf(SUPPORTED);
            shown.add(at >= 0 && !listed.add(p.substring(at)) ? p.substring(0, at) : p);
        }
        return problems.size() + " problems: " + String.join("; ", shown);
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
