package io.keras4j.runtime.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.runtime.ops.flow.Loop;
import io.keras4j.runtime.ops.primitive.Reshape;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every runtime op that reads input values for its output shapes (overrides {@link Op#outputShapes(int[][], float[][])})
 * declares which in {@link Op#shapeReadsValue}, and no other op declares any: a plan trusts the declaration to keep a
 * node's shapes from one call to the next.
 */
class ShapeReadsValueTest {

    @Test
    void everyOpThatReadsValuesForItsShapesDeclaresItAndNoOtherDoes() throws Exception {
        List<Class<?>> ops = runtimeOps();
        assertTrue(ops.contains(Reshape.class) && ops.contains(Loop.class) && ops.size() > 50, "found only " + ops);
        List<String> wrong = new ArrayList<>();
        for (Class<?> op : ops) {
            boolean reads = op.getMethod("outputShapes", int[][].class, float[][].class).getDeclaringClass() != Op.class;
            boolean declares = op.getMethod("shapeReadsValue", int.class).getDeclaringClass() != Op.class;
            if (reads != declares) {
                wrong.add(op.getName() + (reads ? " reads values without declaring" : " declares without reading values"));
            }
        }
        assertEquals(List.of(), wrong);
    }

    /** The concrete classes of the runtime's main code that implement {@link Op}. */
    private static List<Class<?>> runtimeOps() throws Exception {
        Path classes = Path.of(Op.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> ops = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(f).toString().replace(f.getFileSystem().getSeparator(), ".");
                Class<?> c = Class.forName(name.substring(0, name.length() - ".class".length()), false,
                        Op.class.getClassLoader());
                if (Op.class.isAssignableFrom(c) && !c.isInterface() && !Modifier.isAbstract(c.getModifiers())) {
                    ops.add(c);
                }
            }
        }
        return ops;
    }
}
