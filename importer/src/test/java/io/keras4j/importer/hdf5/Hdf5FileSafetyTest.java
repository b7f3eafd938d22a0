package io.keras4j.importer.hdf5;

import static io.keras4j.importer.hdf5.Hdf5FileTest.fixture;
import static org.bytedeco.hdf5.global.hdf5.H5F_OBJ_ALL;
import static org.bytedeco.hdf5.global.hdf5.H5Fget_obj_count;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile or broken input, handle hygiene, in-memory images and concurrent use. */
class Hdf5FileSafetyTest {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

  @TempDir Path dir;

  private static void assertRejected(Path file, String detail) {
    Hdf5Exception e = assertThrows(Hdf5Exception.class, () -> Hdf5File.open(file));
    assertTrue(e.getMessage().startsWith(file + ": /: "), e.getMessage());
    assertTrue(e.getMessage().contains(detail), e.getMessage());
  }

  @Test
  void notHdf5Files() throws IOException {
    byte[] random = new byte[4096];
    new Random(42).nextBytes(random);
    assertRejected(Files.write(dir.resolve("random.bin"), random), "not an HDF5 file");
    assertRejected(Files.write(dir.resolve("empty.h5"), new byte[0]), "not an HDF5 file");
    assertRejected(Files.writeString(dir.resolve("model.h5"), "{\"not\": \"hdf5\"}\n"),
        "not an HDF5 file");
    assertRejected(dir.resolve("missing.h5"), "file not found");
    assertRejected(dir, "is a directory");
    assertThrows(Hdf5Exception.class, () -> Hdf5File.open(random, "random image"));
    assertThrows(Hdf5Exception.class, () -> Hdf5File.open(new byte[0], "empty image"));
  }

  @Test
  void signatureFollowedByGarbage() throws IOException {
    byte[] bytes = new byte[4096];
    new Random(7).nextBytes(bytes);
    System.arraycopy(SIGNATURE, 0, bytes, 0, SIGNATURE.length);
    assertRejected(Files.write(dir.resolve("garbage.h5"), bytes), "H5Fopen failed");
    assertThrows(Hdf5Exception.class, () -> Hdf5File.open(bytes, "garbage image"));
  }

  @Test
  void truncatedCopies() throws Exception {
    byte[] full = Files.readAllBytes(fixture("fixtures.h5"));
    for (int length : new int[] {8, 100, 1000, 4096, full.length / 2, full.length - 1}) {
      Path truncated = Files.write(dir.resolve("truncated-" + length + ".h5"),
          Arrays.copyOf(full, length));
      assertRejected(truncated, "H5Fopen failed");
      assertThrows(Hdf5Exception.class, () -> Hdf5File.open(Arrays.copyOf(full, length), "t"));
    }
    assertRejected(dir.resolve("truncated-" + full.length / 2 + ".h5"), "truncated file");
  }

  @Test
  void everyIdentifierIsClosed() throws Exception {
    long before = openObjects();
    try (Hdf5File file = Hdf5File.open(fixture("fixtures.h5"))) {
      file.children("/");
      file.stringListAttribute("/", "bytes_list");
      file.stringListAttribute("/", "layer_names");
      file.stringAttribute("/", "fixed_s");
      file.dataset("/bf16_opaque").readFloats();
      file.dataset("/compressed").readFloats();
      assertThrows(Hdf5Exception.class, () -> file.stringAttribute("/", "numbers"));
      assertThrows(Hdf5Exception.class, () -> file.dataset("/text").readFloats());
      assertThrows(Hdf5Exception.class, () -> file.dataset("/limits/contiguous_huge").readFloats());
      assertEquals(before + 1, openObjects()); // only the file itself
    }
    assertEquals(before, openObjects());
  }

  private static long openObjects() {
    synchronized (Hdf5File.LOCK) {
      return H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL);
    }
  }

  @Test
  void inMemoryImageTouchesNoFile() throws Exception {
    byte[] image = Files.readAllBytes(fixture("fixtures.h5"));
    Hdf5File.open(fixture("userblock.h5")).close(); // native library loaded and unpacked
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    Set<Path> tmpBefore = list(tmp);
    Set<String> fdsBefore = openFiles();
    try (Hdf5File memory = Hdf5File.open(image, "weights.h5")) {
      assertArrayEquals(new float[] {0.25f, -0.125f, 8.0f},
          memory.dataset("/model_weights/dense/dense/bias:0").readFloats());
      Set<String> newFds = new HashSet<>(openFiles());
      newFds.removeAll(fdsBefore);
      assertEquals(Set.of(), newFds);
    }
    Set<Path> newTmp = list(tmp);
    newTmp.removeAll(tmpBefore);
    // Other processes may use the shared tmpdir; none of their files may be an HDF5 image.
    for (Path created : newTmp) {
      assertTrue(Files.isDirectory(created) || !startsWithSignature(created), created.toString());
    }
  }

  private static Set<Path> list(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.collect(Collectors.toCollection(HashSet::new));
    }
  }

  /** Regular files this process holds open, per /proc/self/fd (jars may be opened lazily). */
  private static Set<String> openFiles() throws IOException {
    Set<String> targets = new HashSet<>();
    for (Path fd : list(Path.of("/proc/self/fd"))) {
      try {
        Path target = Files.readSymbolicLink(fd);
        if (Files.isRegularFile(target) && !target.toString().endsWith(".jar")) {
          targets.add(target.toString());
        }
      } catch (IOException e) {
        // the descriptor of the directory listing itself is gone by now
      }
    }
    return targets;
  }

  private static boolean startsWithSignature(Path file) {
    try {
      byte[] head = Files.readAllBytes(file);
      return head.length >= 8 && Arrays.equals(Arrays.copyOf(head, 8), SIGNATURE);
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void concurrentReads() throws Exception {
    byte[] image = Files.readAllBytes(fixture("fixtures.h5"));
    float[] kernel = {0.5f, 1.0f, 1.5f, -2.0f, 2.5f, 3.0f};
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (Hdf5File shared = Hdf5File.open(fixture("fixtures.h5"))) {
      List<Callable<Void>> tasks = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        int task = t;
        tasks.add(() -> {
          for (int i = 0; i < 50; i++) {
            assertArrayEquals(kernel,
                shared.dataset("/model_weights/dense/dense/kernel:0").readFloats());
            assertEquals(List.of("l1", "l2", "l3"), shared.stringListAttribute("/", "layer_names"));
            assertEquals(Optional.of("héllo wörld ✓"), shared.stringAttribute("/", "utf8_str"));
            try (Hdf5File own = task % 2 == 0
                ? Hdf5File.open(image, "image-" + task)
                : Hdf5File.open(fixture("fixtures.h5"))) {
              assertArrayEquals(new float[] {1.5f, -2.25f, 3.0f},
                  own.dataset("/bf16_opaque").readFloats());
              assertEquals(List.of("a", "b", "c10", "c2"), own.children("/order"));
            }
          }
          return null;
        });
      }
      for (Future<Void> result : pool.invokeAll(tasks)) {
        result.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void displayNameOfImageIsUsedInMessages() {
    byte[] text = "hello".getBytes(StandardCharsets.UTF_8);
    Hdf5Exception e =
        assertThrows(Hdf5Exception.class, () -> Hdf5File.open(text, "a.keras!/w.h5"));
    assertEquals("a.keras!/w.h5", e.file());
    assertEquals("/", e.objectPath());
  }
}
