package io.keras4j.cli;

import io.keras4j.importer.ModelImporter;
import io.keras4j.runtime.Model;
import io.keras4j.runtime.Tensor;
import io.keras4j.runtime.io.Npy;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * {@code keras4j demo}: the seed experiment. Keras trained {@code LSTM(units) -> Dense(1)} to predict the
 * next value of a sine series from windows of 10 values; the trained models ship inside the CLI jar.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs the bundled sine-prediction LSTMs (units 16, 32, 64; .h5 and .keras) and compares with Keras.")
final class DemoCommand implements Callable<Integer> {
    private static final int WINDOW = 10;
    private static final int[] UNITS = {16, 32, 64};
    private static final String[] FORMATS = {"h5", "keras"};

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        float[] series = new float[1000];
        for (int i = 0; i < series.length; i++) {
            series[i] = (float) Math.sin(i * 0.1);
        }
        int n = series.length - WINDOW;
        float[] windows = new float[n * WINDOW];
        float[] targets = new float[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(series, i, windows, i * WINDOW, WINDOW);
            targets[i] = series[i + WINDOW];
        }
        Tensor x = Tensor.of(windows, n, WINDOW, 1);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("keras4j demo: LSTM(units) -> Dense(1), trained by Keras to predict sin(0.1 t) from the previous %d values%n", WINDOW);
        out.printf("%d windows; MSE against the true next value, and the largest difference from Keras' own predictions%n%n", n);
        out.printf("%-6s %-7s %-14s %-22s%n", "units", "format", "MSE vs sine", "max |keras4j - Keras|");
        double worst = 0;
        for (int units : UNITS) {
            for (String format : FORMATS) {
                String dir = "/demo/seed_lstm" + units + "_" + format + "/";
                Model model = ModelImporter.load(resource(dir + "model." + format), "bundled " + dir + "model." + format);
                float[] got = model.predict(x).toArray();
                float[] keras = Npy.parse(resource(dir + "output_0.npy")).toArray();
                double mse = 0;
                double diff = 0;
                for (int i = 0; i < n; i++) {
                    mse += (got[i] - targets[i]) * (double) (got[i] - targets[i]);
                    diff = Math.max(diff, Math.abs(got[i] - keras[i]));
                }
                worst = Math.max(worst, diff);
                out.printf("%-6d %-7s %-14.4e %-22.2e%n", units, "." + format, mse / n, diff);
            }
        }
        out.printf("%nlargest difference from Keras: %.2e (%s 1e-5)%n", worst, worst <= 1e-5 ? "within" : "OUTSIDE");
        out.flush();
        return worst <= 1e-5 ? 0 : Main.MISMATCH;
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("bundled demo file " + path + " is missing from the keras4j jar");
            }
            return in.readAllBytes();
        }
    }
}
