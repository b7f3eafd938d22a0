package io.keras4j.importer.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keras4j.importer.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every Keras layer class and ONNX operator the importers translate is named in a row of the README's support tables. */
class SupportTableTest {
    /** The names in an unsupported-reason message's "(supported: A, B, ...)" list. */
    private static List<String> supported(String reason) {
        String list = reason.substring(reason.lastIndexOf("(supported: ") + "(supported: ".length(), reason.lastIndexOf(')'));
        return Arrays.stream(list.split(", ")).toList();
    }

    @Test
    void everyTranslatedLayerAndOperatorIsInTheReadmeTables() throws IOException {
        String rows = String.join("\n", Files.readAllLines(TestData.root().resolveSibling("README.md")).stream()
                .filter(l -> l.startsWith("| ")).toList());
        List<String> names = new java.util.ArrayList<>(
                supported(io.keras4j.importer.keras.layers.Translators.unsupportedReason("NoSuchLayer")));
        names.addAll(supported(Translators.unsupportedReason("NoSuchOp", "")));
        List<String> missing = names.stream()
                .filter(n -> !Pattern.compile("\\b" + Pattern.quote(n) + "\\b").matcher(rows).find()).toList();
        assertEquals(List.of(), missing, "translated but not in the README's support tables");
    }
}
