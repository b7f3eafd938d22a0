package io.keras4j.importer;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.Tensor;
import io.keras4j.runtime.io.NativeModel;
import java.util.Arrays;

/**
 * How one output compares with its expected value: the largest absolute difference and how many values
 * fall outside {@code atol + rtol·|want|}. A shape mismatch fails every value.
 */
public record Comparison(boolean sameShape, String detail, double maxAbsError, long violations, long count) {

    /**
     * Compares element-wise; NaN matches NaN and an infinity the same infinity, and anything else against NaN or an
     * infinity is a violation.
     */
    public static Comparison of(Tensor got, Tensor want, double atol, double rtol) {
        if (!Arrays.equals(got.shape(), want.shape())) {
            return new Comparison(false, "shape " + Shapes.toString(got.shape()) + " but the golden output has "
                    + Shapes.toString(want.shape()), Double.POSITIVE_INFINITY, want.size(), want.size());
        }
        float[] g = got.toArray();
        float[] w = want.toArray();
        double max = 0;
        long bad = 0;
        for (int i = 0; i < g.length; i++) {
            double err = Math.abs((double) g[i] - w[i]); // NaN for two NaNs or two infinities
            if (NativeModel.TestVectors.matches(g[i], w[i], atol, rtol)) {
                max = Double.isNaN(err) ? max : Math.max(max, err);
                continue;
            }
            bad++;
            max = Math.max(max, Double.isNaN(err) ? Double.POSITIVE_INFINITY : err);
        }
        return new Comparison(true, "", max, bad, g.length);
    }

    /** Whether every value is within tolerance. */
    public boolean passed() {
        return sameShape && violations == 0;
    }
}
