package io.keras4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the report says about the machine. */
final class Machine {
    private Machine() {
    }

    static String cpu() {
        try {
            String model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
            String flags = Files.readString(Path.of("/proc/cpuinfo"));
            String simd = flags.contains("avx512f") ? "AVX-512" : flags.contains("avx2") ? "AVX2" : "no AVX2";
            return model + ", " + simd + ", " + Runtime.getRuntime().availableProcessors() + " vCPU";
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }

    /** The 1-minute load average, or -1. */
    static double load() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
