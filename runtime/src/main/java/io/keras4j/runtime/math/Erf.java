package io.keras4j.runtime.math;

/** The complementary error function, for the exact GELU, and the inverse error function. */
final class Erf {
    private Erf() {
    }

    /**
     * erfc(x) by the Chebyshev fit of Press et al., Numerical Recipes (2nd ed.) §6.2, with fractional
     * error below 1.2e-7 everywhere: well inside float32 tolerance.
     */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double ans = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? ans : 2 - ans;
    }

    /**
     * erfinv(y) by Giles' single-precision approximation ("Approximating the erfinv function", GPU Computing Gems, 2011),
     * relative error below 4e-7 in (-1, 1), evaluated in double; ±infinity at ±1, NaN beyond and for NaN, -0.0 kept.
     */
    static double erfinv(double y) {
        double a = Math.abs(y);
        if (!(a < 1)) {
            return a == 1 ? Math.copySign(Double.POSITIVE_INFINITY, y) : Double.NaN;
        }
        double w = -Math.log((1 - a) * (1 + a));
        double p;
        if (w < 5) {
            w -= 2.5;
            p = 2.81022636e-08;
            p = 3.43273939e-07 + p * w;
            p = -3.5233877e-06 + p * w;
            p = -4.39150654e-06 + p * w;
            p = 0.00021858087 + p * w;
            p = -0.00125372503 + p * w;
            p = -0.00417768164 + p * w;
            p = 0.246640727 + p * w;
            p = 1.50140941 + p * w;
        } else {
            w = Math.sqrt(w) - 3;
            p = -0.000200214257;
            p = 0.000100950558 + p * w;
            p = 0.00134934322 + p * w;
            p = -0.00367342844 + p * w;
            p = 0.00573950773 + p * w;
            p = -0.0076224613 + p * w;
            p = 0.00943887047 + p * w;
            p = 1.00167406 + p * w;
            p = 2.83297682 + p * w;
        }
        return p * y;
    }
}
