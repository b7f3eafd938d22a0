package io.keras4j.cli;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.Tensor;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CSV for single-input, single-output models: one row per sample, holding the sample's values row-major
 * (for a sequence input, timestep after timestep). Blank lines and lines starting with '#' are skipped.
 */
final class Csv {
    private Csv() {
    }

    /** Reads samples for an input declared as {@code shape} (batch first; one other open dimension is inferred). */
    static Tensor read(Path file, int[] shape) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a directory, not a .csv file");
        }
        List<float[]> rows = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] cells = t.split(",");
            float[] row = new float[cells.length];
            for (int i = 0; i < cells.length; i++) {
                try {
                    row[i] = number(cells[i].strip());
                } catch (NumberFormatException e) {
                    throw new IOException(file + " line " + lineNo + " column " + (i + 1) + ": '" + cells[i].strip() + "' is not a number");
                }
            }
            if (!rows.isEmpty() && row.length != rows.get(0).length) {
                throw new IOException(file + " line " + lineNo + " has " + row.length + " values, the first row has " + rows.get(0).length);
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new IOException(file + ": no rows");
        }
        int width = rows.get(0).length;
        int[] s = shape.clone();
        s[0] = rows.size();
        int open = -1;
        int known = 1;
        for (int d = 1; d < s.length; d++) {
            if (s[d] < 0) {
                if (open >= 0) {
                    throw new IOException(file + ": the model input " + Shapes.toString(shape) + " has several open dimensions; use .npy");
                }
                open = d;
            } else {
                known *= s[d];
            }
        }
        if (open >= 0) {
            if (known == 0 || width % known != 0) {
                throw new IOException(file + ": rows of " + width + " values do not fit input " + Shapes.toString(shape));
            }
            s[open] = width / known;
        } else if (known != width) {
            throw new IOException(file + ": rows of " + width + " values but input " + Shapes.toString(shape) + " needs " + known);
        }
        float[] data = new float[rows.size() * width];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, data, r * width, width);
        }
        return Tensor.of(data, s);
    }

    /** Writes one row per sample. */
    static void write(Path file, Tensor t) throws IOException {
        int rows = t.dim(0);
        int width = rows == 0 ? 0 : t.size() / rows;
        float[] v = t.toArray();
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int r = 0; r < rows; r++) {
                for (int i = 0; i < width; i++) {
                    if (i > 0) {
                        w.write(',');
                    }
                    w.write(Float.toString(v[r * width + i]));
                }
                w.newLine();
            }
        }
    }

    /** A decimal number, or NaN and infinities in Java's spelling or numpy's ({@code nan}, {@code inf}, {@code -inf}). */
    private static float number(String cell) {
        String unsigned = cell.startsWith("-") || cell.startsWith("+") ? cell.substring(1) : cell;
        switch (unsigned.toLowerCase(java.util.Locale.ROOT)) {
            case "nan":
                return Float.NaN;
            case "inf":
            case "infinity":
                return cell.startsWith("-") ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
            default:
                return Float.parseFloat(cell);
        }
    }
}
