package io.keras4j.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The keras4j command line. Exit codes: 0 success, 1 a verification found differences, 2 an error
 * (bad arguments, unreadable or unsupported model, bad input), printed as one line, or no command.
 */
@Command(name = "keras4j", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Runs Keras and ONNX models on the JVM with Keras' (and ONNX Runtime's) own numbers.",
        subcommands = {PredictCommand.class, VerifyCommand.class, ConvertCommand.class, InspectCommand.class, BenchCommand.class,
                DemoCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:verify or demo found outputs outside tolerance, or inspect found a model that cannot run",
                "2:error (one line on stderr; --verbose adds the cause chain), or no command (the usage on stderr)"})
public final class Main implements java.util.concurrent.Callable<Integer> {
    /** Exit code of a verification that found differences. */
    static final int MISMATCH = 1;
    /** Exit code of any error. */
    static final int ERROR = 2;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT, description = "On error, print the cause chain and stack trace.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code. */
    static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            boolean verbose = parsed.matchedOption("--verbose") != null
                    || parsed.subcommands().stream().anyMatch(p -> p.matchedOption("--verbose") != null);
            cmd.getErr().println("keras4j: " + oneLine(e));
            if (verbose) {
                e.printStackTrace(cmd.getErr());
            }
            return ERROR;
        });
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("keras4j: " + e.getMessage() + " (see --help)");
            return ERROR;
        });
        return cli.execute(args);
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (e instanceof FileSystemException f) {
            String reason = f instanceof NoSuchFileException ? "no such file"
                    : f instanceof AccessDeniedException ? "permission denied"
                    : f.getReason() != null ? f.getReason() : f.getClass().getSimpleName();
            m = f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile()) + ": " + reason;
        }
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        return m.replace('\n', ' ');
    }

    /** Without a command: the usage on stderr, and the exit code of an error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ERROR;
    }

    /** The version the jar's manifest gives (Implementation-Version, from the Maven project). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"keras4j " + (v == null ? "(classes outside the built jar: version unknown)" : v)};
        }
    }
}
