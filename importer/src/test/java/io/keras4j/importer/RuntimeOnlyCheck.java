package io.keras4j.importer;

import io.keras4j.runtime.io.NativeModel;
import java.nio.file.Path;

/**
 * Run in a JVM whose class path holds only the runtime (and this class): loads each .k4j file given and
 * checks its embedded test vectors. Exit code 0 when all reproduce, 1 otherwise, 3 if the importer is
 * visible (the check would prove nothing).
 */
public final class RuntimeOnlyCheck {
    private RuntimeOnlyCheck() {
    }

    public static void main(String[] files) {
        try {
            Class.forName("io.keras4j.importer.ModelImporter");
            System.out.println("the importer is on the class path");
            System.exit(3);
        } catch (ClassNotFoundException expected) {
            // the runtime stands alone
        }
        int failed = 0;
        for (String f : files) {
            try {
                NativeModel.load(Path.of(f), true);
            } catch (Exception | LinkageError e) {
                failed++;
                System.out.println("FAIL " + f + ": " + e);
            }
        }
        System.out.println(files.length - failed + " of " + files.length + " models reproduced their test vectors");
        System.exit(failed == 0 ? 0 : 1);
    }
}
