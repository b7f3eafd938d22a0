package io.keras4j.importer.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keras4j.importer.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every Keras layer class, Keras 3 operation and ONNX operator the importers translate is named in a row of the README's
 * support tables.
 */
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
        names.addAll(supported(Translators.unsupportedReason("NoSuchOp", Translators.MICROSOFT)));
        assertEquals(List.of(), missing(names, rows), "translated but not in the README's support tables");
    }

    @Test
    void everyTranslatedKerasOperationIsInTheReadmeOperationsTable() throws IOException {
        String readme = Files.readString(TestData.root().resolveSibling("README.md"));
        String section = readme.substring(readme.indexOf("### Keras 3 operations"), readme.indexOf("\n## ONNX"));
        String rows = String.join("\n", section.lines().filter(l -> l.startsWith("| ")).toList());
        List<String> names = supported(io.keras4j.importer.keras.layers.Operations.unsupportedReason("NoSuchOperation"));
        assertEquals(List.of(), missing(names, rows), "translated but not in the README's operations table");
    }

    /** The names not found as whole words in {@code rows}. */
    private static List<String> missing(List<String> names, String rows) {
        return names.stream().filter(n -> !Pattern.compile("\\b" + Pattern.quote(n) + "\\b").matcher(rows).find()).toList();
    }
}
