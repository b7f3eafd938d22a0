package io.keras4j.importer;

import io.keras4j.runtime.graph.Graph;
import io.keras4j.runtime.io.NativeModel;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a model file in a child JVM ({@link ImportOptions#isolated()}). The child imports the file in process and
 * writes the model to its standard output as a {@code .k4j} image, which this JVM checks (checksum, bounds) and
 * reads in pure Java; a child that crashes, hangs past the timeout or runs out of memory becomes one
 * {@link ModelImportException}. This class is also the child's main class.
 *
 * <p>The child's answer: one status byte, then for {@link #OK} the {@code .k4j} image, for {@link #REFUSED} the
 * file name and each problem of a {@link ModelImportException}, for {@link #FAILED} one message; after either, the
 * child's stack trace, which becomes the cause of the exception in this JVM (every string an int32 byte count and
 * UTF-8).
 */
final class IsolatedImporter {
    private static final int OK = 0;
    private static final int REFUSED = 1;
    private static final int FAILED = 2;
    /** The exit status of a child JVM stopped by -XX:+ExitOnOutOfMemoryError. */
    private static final int OUT_OF_MEMORY = 3;
    /** The child's second argument, what it reads: one model file, weights and config files, or standard input. */
    private static final String FILE = "file";
    private static final String WEIGHTS_AND_CONFIG = "weights-and-config";
    private static final String STDIN = "stdin";
    private static final int MAX_ANSWER = Integer.MAX_VALUE - 8;
    private static final int MAX_STDERR = 64 << 10;
    private static final long MIB = 1L << 20;
    /** Where a JVM crash report names the failing native frame. */
    private static final Pattern FRAME = Pattern.compile("# Problematic frame:\\s*#\\s*\\S+\\s+\\[([^\\]+]+)[^\\]]*\\]\\s*(\\S*)");
    private static final Pattern SIGNAL = Pattern.compile("\\b(SIG[A-Z]+)\\b");

    private IsolatedImporter() {
    }

    /** Reads {@code file} in a child JVM; {@code name} is used in messages. */
    static Graph readGraph(String name, Path file, ImportOptions options) throws IOException {
        return run(name, List.of(FILE, file.toString()), null, options);
    }

    /** Reads weights and config files in a child JVM (see {@link ModelImporter#load(Path, Path)}). */
    static Graph readGraph(String name, Path weights, Path config, ImportOptions options) throws IOException {
        return run(name, List.of(WEIGHTS_AND_CONFIG, weights.toString(), config.toString()), null, options);
    }

    /** Reads a model held in memory in a child JVM, which gets it on its standard input. */
    static Graph readGraph(byte[] content, String name, ImportOptions options) throws IOException {
        return run(name, List.of(STDIN, name), content, options);
    }

    private static Graph run(String name, List<String> arguments, byte[] input, ImportOptions options)
            throws IOException {
        List<String> command = command(options);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("MALLOC_ARENA_MAX", "2"); // fewer reserved malloc arenas under the address limit
        Process child = builder.start();
        FutureTask<byte[]> answer = background(() -> readAtMost(child.getInputStream(), MAX_ANSWER));
        FutureTask<byte[]> stderr = background(() -> tail(child.getErrorStream()));
        background(() -> {
            try (OutputStream in = child.getOutputStream()) {
                if (input != null) {
                    in.write(input);
                }
            } catch (IOException e) {
                // the child died before reading its input; its exit status tells why
            }
            return null;
        });
        try {
            if (!child.waitFor(options.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                child.destroyForcibly().waitFor();
                throw refused(name, "reading did not finish within " + options.timeout().toSeconds() + " s and was"
                        + " stopped: the file is damaged or hostile (or needs a longer import timeout)");
            }
            byte[] out = answer.get();
            int exit = child.exitValue();
            if (out == null) {
                throw refused(name, "the model is larger than the " + MAX_ANSWER + " bytes an import process can answer");
            }
            if (exit == 0 && out.length > 0) {
                return decode(name, out);
            }
            // A JVM crash report goes to standard output, other JVM messages to standard error.
            String printed = new String(stderr.get(), StandardCharsets.UTF_8)
                    + new String(out, 0, Math.min(out.length, MAX_STDERR), StandardCharsets.UTF_8);
            throw refused(name, failure(exit, printed, options));
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException(name + ": interrupted while the import process read it");
        } catch (ExecutionException e) {
            child.destroyForcibly();
            throw new IOException(name + ": cannot read the answer of the import process: " + e.getCause(), e.getCause());
        }
    }

    /**
     * The java command of the child: this JVM's java and class path, the limits, no files written on a crash, and the
     * import option that changes what the child reads.
     */
    private static List<String> command(ImportOptions o) {
        List<String> c = new ArrayList<>();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        if (System.getProperty("os.name", "").startsWith("Linux")) {
            long kib = (o.maxHeapBytes() + o.maxNativeBytes()) >> 10;
            c.addAll(List.of("/bin/sh", "-c", "ulimit -v " + kib + " && exec \"$0\" \"$@\""));
        }
        c.addAll(List.of(java, "-Xmx" + o.maxHeapBytes() / MIB + "m", "-Xss8m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-XX:+ExitOnOutOfMemoryError",
                "-XX:MaxMetaspaceSize=256m", "-XX:CompressedClassSpaceSize=64m", "-XX:ReservedCodeCacheSize=64m",
                "-XX:ErrorFile=/dev/null", "-XX:-CreateCoredumpOnCrash",
                "-Dorg.bytedeco.javacpp.maxBytes=" + o.maxNativeBytes(),
                "-cp", System.getProperty("java.class.path"), IsolatedImporter.class.getName()));
        c.add(String.valueOf(o.mixedPrecisionInFloat32()));
        return c;
    }

    /** Why a child ended without an answer, from its exit status and what the JVM printed on a crash. */
    private static String failure(int exit, String printed, ImportOptions o) {
        Matcher frame = FRAME.matcher(printed);
        Matcher signal = SIGNAL.matcher(printed);
        if (frame.find()) {
            String where = frame.group(2).isEmpty() ? frame.group(1) : frame.group(2) + " of " + frame.group(1);
            return "reading it crashed native code (" + (signal.find() ? signal.group(1) + " in " : "in ") + where
                    + "), which ended only its import process: the file is damaged or hostile";
        }
        if (exit == OUT_OF_MEMORY || printed.contains("OutOfMemoryError") || printed.contains("insufficient memory")) {
            return "reading it needs more memory than the import limits (" + o.maxHeapBytes() / MIB + " MiB heap, "
                    + o.maxNativeBytes() / MIB + " MiB native): the file is damaged or hostile (or give larger limits)";
        }
        String last = printed.strip().lines().reduce((a, b) -> b).orElse("no message");
        return "the import process ended with exit status " + exit + " without an answer (" + last + ")";
    }

    private static Graph decode(String name, byte[] out) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(out));
        switch (in.readUnsignedByte()) {
            case OK:
                return NativeModel.read(java.util.Arrays.copyOfRange(out, 1, out.length), name).graph();
            case REFUSED:
                String file = string(in);
                int n = in.readInt();
                List<String> problems = new ArrayList<>();
                for (int i = 0; i < n && in.available() > 0; i++) {
                    problems.add(string(in));
                }
                ModelImportException refused = new ModelImportException(file, problems);
                refused.initCause(childTrace(in));
                throw refused;
            case FAILED:
                String message = string(in);
                throw new IOException(message.startsWith(name) ? message : name + ": " + message, childTrace(in));
            default:
                throw refused(name, "the import process gave an answer keras4j does not understand");
        }
    }

    /** The child's stack trace as a cause, or null when the answer holds none. */
    private static Throwable childTrace(DataInputStream in) throws IOException {
        return in.available() > 0 ? new ImportProcessTrace(string(in)) : null;
    }

    /** What the import process printed as its stack trace; it has no frames of this JVM. */
    private static final class ImportProcessTrace extends Exception {
        private static final long serialVersionUID = 1L;

        ImportProcessTrace(String trace) {
            super("in the import process: " + trace.strip(), null, false, false);
        }
    }

    private static ModelImportException refused(String name, String problem) {
        return new ModelImportException(name, List.of(problem));
    }

    private static <T> FutureTask<T> background(java.util.concurrent.Callable<T> task) {
        FutureTask<T> future = new FutureTask<>(task);
        Thread thread = new Thread(future, "keras4j-import-io");
        thread.setDaemon(true);
        thread.start();
        return future;
    }

    /** Everything from {@code in}, or null once it exceeds {@code limit} bytes. */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        int n;
        while ((n = in.read(buffer)) > 0) {
            if (out.size() > limit - n) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** The last bytes of {@code in}, read to its end. */
    private static byte[] tail(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 12];
        int n;
        while ((n = in.read(buffer)) > 0) {
            if (out.size() + n > MAX_STDERR) {
                out.reset();
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static String string(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("the import process gave a malformed answer");
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    /** {@code e}'s stack trace with its causes, at most {@link #MAX_STDERR} characters. */
    private static String trace(Throwable e) {
        java.io.StringWriter text = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(text));
        String s = text.toString();
        return s.length() <= MAX_STDERR ? s : s.substring(0, MAX_STDERR) + "...";
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    /**
     * The child: imports, in process, what its arguments name ({@link ImportOptions#mixedPrecisionInFloat32()} as
     * {@code true} or {@code false}, then {@value #FILE} and a model file, {@value #WEIGHTS_AND_CONFIG} and two files,
     * or {@value #STDIN} and the name of the model on standard input; always in these places, so that no file name can
     * pass for an option), and answers on standard output. Anything else printing to standard output goes to standard
     * error.
     */
    public static void main(String[] arguments) throws IOException {
        System.setOut(System.err);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
        ImportOptions options = ImportOptions.inProcess().withMixedPrecisionInFloat32(Boolean.parseBoolean(arguments[0]));
        String what = arguments[1];
        String[] args = java.util.Arrays.copyOfRange(arguments, 2, arguments.length);
        try {
            Graph graph = what.equals(STDIN) ? ModelImporter.readGraph(System.in.readAllBytes(), args[0], options)
                    : what.equals(WEIGHTS_AND_CONFIG) ? ModelImporter.readGraph(Path.of(args[0]), Path.of(args[1]), options)
                    : ModelImporter.readGraph(Path.of(args[0]), options);
            ByteArrayOutputStream image = new ByteArrayOutputStream();
            NativeModel.write(graph, null, image); // whole before the status, so a failure cannot follow OK
            out.writeByte(OK);
            image.writeTo(out);
        } catch (ModelImportException e) {
            out.writeByte(REFUSED);
            string(out, e.file());
            out.writeInt(e.problems().size());
            for (String p : e.problems()) {
                string(out, p);
            }
            string(out, trace(e));
        } catch (IOException e) {
            out.writeByte(FAILED);
            string(out, e.getMessage() == null ? e.toString() : e.getMessage());
            string(out, trace(e));
        } catch (RuntimeException | StackOverflowError e) {
            out.writeByte(FAILED);
            String name = String.join(" with config ", args);
            string(out, name + ": keras4j failed reading it: " + e);
            string(out, trace(e));
        }
        out.flush();
    }
}
