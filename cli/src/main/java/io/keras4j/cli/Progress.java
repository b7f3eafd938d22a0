package io.keras4j.cli;

import java.io.PrintWriter;

/** A one-line progress display for long commands, shown only when a person watches a terminal. */
final class Progress {
    private final PrintWriter err;
    private final boolean terminal = System.console() != null;
    private boolean shown;

    Progress(PrintWriter err) {
        this.err = err;
    }

    /** Shows {@code what} at {@code done} of {@code total}. */
    void show(String what, double done, double total) {
        if (!terminal) {
            return;
        }
        err.printf("\r%s %3.0f%%", what, total <= 0 ? 100 : Math.min(100, 100 * done / total));
        err.flush();
        shown = true;
    }

    /** Clears the line. */
    void done() {
        if (shown) {
            err.print("\r" + " ".repeat(40) + "\r");
            err.flush();
        }
    }
}
