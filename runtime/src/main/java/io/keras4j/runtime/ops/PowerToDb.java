package io.keras4j.runtime.ops;

/**
 * Keras MelSpectrogram's decibel scale: {@code y = 10·log10(max(x, minPower)) - 10·log10(max(|refPower|, minPower))},
 * then {@code max(y, max(y) - topDb)} with {@code max(y)} over the whole tensor, batch included (so a row's output
 * depends on the other rows, as in Keras).
 */
public final class PowerToDb implements Op {
    private final double minPower;
    private final double refPower;
    private final double topDb;

    public PowerToDb(double minPower, double refPower, double topDb) {
        this.minPower = minPower;
        this.refPower = refPower;
        this.topDb = topDb;
    }

    @Override
    public String type() {
        return "PowerToDb";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("minPower", minPower).attr("refPower", refPower).attr("topDb", topDb).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static PowerToDb fromSpec(OpSpec s) {
        return new PowerToDb(s.doubleAttr("minPower"), s.doubleAttr("refPower"), s.doubleAttr("topDb"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        return new int[][] {Inputs.single(in, type()).clone()};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        float[] x = inputs[0];
        float[] y = outputs[0];
        double ref = 10 * Math.log10(Math.max(Math.abs(refPower), minPower));
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) (10 * Math.log10(Math.max(x[i], minPower)) - ref);
            max = Math.max(max, y[i]);
        }
        float floor = (float) (max - topDb);
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.max(y[i], floor);
        }
    }
}
