package io.keras4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Every Java example in the README compiles against the modules as they are (this module's test class path holds the
 * runtime, the importer and Spark). An example that declares a class is compiled as it stands; any other becomes the
 * body of a method whose parameters are the variables it uses from the examples before it.
 */
class ReadmeExamplesTest {
    private static final Pattern BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    /** Variables the README's fragments use without declaring, by name: the examples before them declare them. */
    private static final Map<String, String> GIVEN = Map.of("model", "io.keras4j.runtime.Model",
            "x", "io.keras4j.runtime.Tensor", "chunk1", "io.keras4j.runtime.Tensor", "chunk2", "io.keras4j.runtime.Tensor");

    @Test
    void everyJavaExampleCompiles() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        List<JavaFileObject> sources = new ArrayList<>();
        Matcher m = BLOCK.matcher(readme);
        while (m.find()) {
            sources.add(source(sources.size() + 1, m.group(1)));
        }
        assertTrue(sources.size() >= 4, "the README's Java examples: " + sources.size());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        Path out = Files.createTempDirectory("readme-examples");
        boolean ok = javac.getTask(errors, null, null, List.of("-proc:none", "-d", out.toString(), "-classpath",
                classPath()), null, sources).call();
        assertTrue(ok, "README examples do not compile:\n" + errors);
        assertEquals("", errors.toString().strip(), "compiler warnings");
    }

    @Test
    void theDependencyExampleNamesThisVersionsRuntime() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher xml = Pattern.compile("```xml\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(xml.find(), "the README's Maven dependency");
        Matcher pom = Pattern.compile("<artifactId>keras4j-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("..", "pom.xml")));
        assertTrue(pom.find(), "the parent pom's version");
        assertTrue(xml.group(1).contains("<version>" + pom.group(1) + "</version>"), xml.group(1));
        assertTrue(xml.group(1).contains("<artifactId>keras4j-runtime</artifactId>")
                && Files.readString(Path.of("..", "runtime", "pom.xml")).contains("<artifactId>keras4j-runtime</artifactId>"));
        assertTrue(readme.contains("version `" + pom.group(1) + "`"), "the modules' version in the text");
    }

    /** Example {@code n} as a compilation unit. */
    private static JavaFileObject source(int n, String code) {
        String name = "Example" + n;
        Matcher declared = Pattern.compile("public (final )?class (\\w+)").matcher(code);
        if (declared.find()) {
            return new Source(declared.group(2), code);
        }
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : code.split("\n")) {
            (line.startsWith("import ") ? imports : body).append(line).append('\n');
        }
        List<String> params = new ArrayList<>();
        GIVEN.forEach((variable, type) -> {
            boolean used = Pattern.compile("\\b" + variable + "\\b").matcher(body).find();
            boolean declaredHere = Pattern.compile("\\b\\w+(\\[\\])? " + variable + " =").matcher(body).find();
            if (used && !declaredHere) {
                params.add(type + " " + variable);
            }
        });
        return new Source(name, imports + "final class " + name + " {\n    static void run(" + String.join(", ", params)
                + ") throws Exception {\n" + body + "    }\n}\n");
    }

    /** The class path the tests run with (surefire may hide it behind a manifest-only jar). */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null ? surefire : System.getProperty("java.class.path");
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String code;

        Source(String className, String code) {
            super(URI.create("string:///" + className + ".java"), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}
