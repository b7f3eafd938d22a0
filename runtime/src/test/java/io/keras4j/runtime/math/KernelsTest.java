package io.keras4j.runtime.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading the panels of a recurrent step in descending order gives the very same bits as ascending. */
class KernelsTest {
    @ParameterizedTest
    @CsvSource({"true, 40, 1", "true, 40, 3", "true, 130, 2", "false, 40, 1", "false, 130, 3"})
    void panelOrderChangesNoBit(boolean lstm, int units, int rows) {
        Kernels k = Kernels.get();
        int gates = lstm ? 4 : 3;
        SplittableRandom random = new SplittableRandom(units * 7L + rows);
        float[] w = new float[units * gates * units];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextDouble(-0.3, 0.3);
        }
        float[][] r = k.packRecurrent(w, units, gates);
        float[] rb = k.packColumns(new float[units], 1, 1, units);
        int padded = k.paddedUnits(units);
        int width = gates * padded;
        int h = rows * width;
        int next = h + rows * padded;
        int c = next + rows * padded;
        float[] s = new float[c + rows * padded];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) random.nextDouble(-1, 1);
        }
        int panels = padded / k.panelUnits(units);
        float[] ascending = s.clone();
        float[] descending = s.clone();
        if (lstm) {
            k.lstm(r, units, ascending, 0, width, h, next, c, padded, rows, 0, panels, false);
            k.lstm(r, units, descending, 0, width, h, next, c, padded, rows, 0, panels, true);
        } else {
            k.gru(r, rb, units, ascending, 0, width, h, next, padded, rows, 0, panels, false);
            k.gru(r, rb, units, descending, 0, width, h, next, padded, rows, 0, panels, true);
        }
        assertArrayEquals(ascending, descending, k.name());
    }
}
