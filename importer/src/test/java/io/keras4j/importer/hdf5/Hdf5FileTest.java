package io.keras4j.importer.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reads fixtures.h5 (written by make_fixtures.py) and checks the values written there. */
class Hdf5FileTest {
  private static Hdf5File file;

  static Path fixture(String name) throws Exception {
    return Path.of(Hdf5FileTest.class.getResource("/hdf5/" + name).toURI());
  }

  @BeforeAll
  static void openFixture() throws Exception {
    file = Hdf5File.open(fixture("fixtures.h5"));
  }

  @AfterAll
  static void closeFixture() {
    file.close();
  }

  @Test
  void scalarStringAttributes() throws Exception {
    assertEquals(Optional.of("héllo wörld ✓"), file.stringAttribute("/", "utf8_str"));
    assertEquals(Optional.of("{\"name\": \"café\"}"),
        file.stringAttribute("/", "vlen_ascii_bytes"));
    assertEquals(Optional.of("naïve"), file.stringAttribute("", "natural_bytes"));
    assertEquals(Optional.of("fixed"), file.stringAttribute("/", "fixed_s"));
    assertEquals(Optional.of("pad"), file.stringAttribute("/", "space_padded"));
    assertEquals(Optional.of("abc"), file.stringAttribute("/", "null_term"));
    assertEquals(Optional.of("only"), file.stringAttribute("/", "one_element"));
    assertEquals(Optional.of("bfloat16"), file.stringAttribute("/bf16_opaque", "dtype"));
    assertEquals(Optional.empty(), file.stringAttribute("/", "absent"));
  }

  @Test
  void scalarStringAttributeRejectsOtherShapesAndTypes() {
    Hdf5Exception list = assertThrows(Hdf5Exception.class,
        () -> file.stringAttribute("/", "bytes_list"));
    assertTrue(list.getMessage().contains("holds 2 strings"), list.getMessage());
    Hdf5Exception numbers = assertThrows(Hdf5Exception.class,
        () -> file.stringAttribute("/", "numbers"));
    assertTrue(numbers.getMessage().contains("'numbers' is not a string"), numbers.getMessage());
  }

  @Test
  void stringListAttributes() throws Exception {
    assertEquals(List.of("dense", "lstm_1"), file.stringListAttribute("/", "bytes_list"));
    assertEquals(List.of("α", "beta"), file.stringListAttribute("/", "utf8_list"));
    assertEquals(List.of("a", "bcd", "ef"), file.stringListAttribute("/", "s_array"));
    assertEquals(List.of("l1", "l2", "l3"), file.stringListAttribute("/", "layer_names"));
    assertEquals(List.of(), file.stringListAttribute("/", "empty_list"));
    assertEquals(List.of("héllo wörld ✓"), file.stringListAttribute("/", "utf8_str"));
    assertEquals(List.of("dense/kernel:0", "dense/bias:0"),
        file.stringListAttribute("/model_weights/dense/dense", "weight_names"));
  }

  @Test
  void missingListAttribute() throws Exception {
    assertEquals(Optional.empty(), file.optionalStringListAttribute("/", "absent"));
    assertEquals(Optional.of(List.of("l1", "l2", "l3")),
        file.optionalStringListAttribute("/", "layer_names"));
    Hdf5Exception e = assertThrows(Hdf5Exception.class,
        () -> file.stringListAttribute("/model_weights", "absent"));
    assertTrue(e.getMessage().contains("fixtures.h5: /model_weights: no attribute 'absent'"),
        e.getMessage());
    assertThrows(Hdf5Exception.class, () -> file.stringListAttribute("/", "numbers"));
  }

  @Test
  void hasAttribute() throws Exception {
    assertTrue(file.hasAttribute("/", "layer_names0"));
    assertFalse(file.hasAttribute("/", "layer_names"));
    assertTrue(file.hasAttribute("bf16_uint16", "dtype"));
    assertFalse(file.hasAttribute("bf16_uint16", "dtype\0"));
    Hdf5Exception e = assertThrows(Hdf5Exception.class,
        () -> file.hasAttribute("/missing/group", "x"));
    assertEquals("/missing/group", e.objectPath());
    assertTrue(e.getMessage().endsWith("no such object"), e.getMessage());
  }

  @Test
  void structure() throws Exception {
    assertTrue(file.exists("/model_weights/dense/dense/kernel:0"));
    assertTrue(file.exists("model_weights/dense"));
    assertTrue(file.exists("/"));
    assertTrue(file.isGroup("/a/b"));
    assertTrue(file.isDataset("a/b/c:0"));
    assertFalse(file.isGroup("a/b/c:0"));
    assertFalse(file.isDataset("/a"));
    assertTrue(file.isDataset("/ünï/w"));
    assertFalse(file.exists("/no/such/intermediate/group"));
    assertFalse(file.exists("/f64/below/a/dataset"));
    assertFalse(file.isGroup("/nope"));
    assertFalse(file.isDataset("/nope"));
    assertFalse(file.exists("a\0/b")); // not truncated to "a" on the way to C
  }

  @Test
  void softAndExternalLinksAreNotFollowed() throws Exception {
    assertFalse(file.exists("/soft"));
    assertFalse(file.exists("/external"));
    assertFalse(file.exists("/external/x"));
    Hdf5Exception e = assertThrows(Hdf5Exception.class, () -> file.dataset("/soft"));
    assertTrue(e.getMessage().endsWith("no such object"), e.getMessage());
  }

  @Test
  void children() throws Exception {
    assertEquals(List.of("a", "bf16_opaque", "bf16_uint16", "compressed", "empty", "empty_group",
        "external", "f16", "f64", "i32", "limits", "model_weights", "order", "scalar", "soft",
        "text", "ünï"), file.children("/"));
    assertEquals(List.of("a", "b", "c10", "c2"), file.children("order"));
    assertEquals(List.of(), file.children("/empty_group"));
    assertEquals(List.of("bias:0", "kernel:0"), file.children("/model_weights/dense/dense/"));
    Hdf5Exception e = assertThrows(Hdf5Exception.class, () -> file.children("/f64"));
    assertTrue(e.getMessage().endsWith("/f64: is not a group"), e.getMessage());
  }

  @Test
  void float32Datasets() throws Exception {
    Dataset kernel = file.dataset("/model_weights/dense/dense/kernel:0");
    assertEquals("/model_weights/dense/dense/kernel:0", kernel.path());
    assertArrayEquals(new long[] {2, 3}, kernel.shape());
    assertEquals(6, kernel.elementCount());
    assertArrayEquals(new float[] {0.5f, 1.0f, 1.5f, -2.0f, 2.5f, 3.0f}, kernel.readFloats());
    assertArrayEquals(new float[] {0.25f, -0.125f, 8.0f},
        file.dataset("model_weights/dense/dense/bias:0").readFloats());
    assertArrayEquals(new float[] {7, 8}, file.dataset("a/b/c:0").readFloats());
    assertArrayEquals(new float[] {1}, file.dataset("/ünï/w").readFloats());
  }

  @Test
  void convertedDatasets() throws Exception {
    assertArrayEquals(new float[] {(float) 0.1, -2.5f, 1.0e10f}, file.dataset("f64").readFloats());
    assertArrayEquals(new float[] {0.5f, -1.25f, 65504f, 0x1p-24f},
        file.dataset("f16").readFloats());
    Dataset ints = file.dataset("i32");
    assertArrayEquals(new long[] {2, 2}, ints.shape());
    assertArrayEquals(new float[] {-3, 0, 7, 1_000_000}, ints.readFloats());
  }

  @Test
  void bfloat16Datasets() throws Exception {
    float[] expected = {1.5f, -2.25f, 3.0f};
    assertArrayEquals(expected, file.dataset("bf16_uint16").readFloats());
    assertArrayEquals(expected, file.dataset("bf16_opaque").readFloats());
  }

  @Test
  void scalarEmptyAndCompressedDatasets() throws Exception {
    Dataset scalar = file.dataset("/scalar");
    assertArrayEquals(new long[0], scalar.shape());
    assertEquals(1, scalar.elementCount());
    assertArrayEquals(new float[] {3.25f}, scalar.readFloats());

    Dataset empty = file.dataset("/empty");
    assertArrayEquals(new long[] {0, 3}, empty.shape());
    assertArrayEquals(new float[0], empty.readFloats());

    float[] expected = new float[100];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = i / 4f;
    }
    assertArrayEquals(expected, file.dataset("/compressed").readFloats());
  }

  @Test
  void datasetErrorsNameFileAndPath() {
    Hdf5Exception missing = assertThrows(Hdf5Exception.class,
        () -> file.dataset("/model_weights/lstm/lstm/lstm_cell/kernel"));
    assertTrue(missing.getMessage().contains("fixtures.h5"), missing.getMessage());
    assertTrue(missing.getMessage().contains(": /model_weights/lstm/lstm/lstm_cell/kernel: "
        + "no such object"), missing.getMessage());
    Hdf5Exception group = assertThrows(Hdf5Exception.class, () -> file.dataset("/order"));
    assertTrue(group.getMessage().endsWith("/order: is not a dataset"), group.getMessage());
    Hdf5Exception text = assertThrows(Hdf5Exception.class,
        () -> file.dataset("/text").readFloats());
    assertTrue(text.getMessage().endsWith("/text: cannot read string data with 2-byte elements "
        + "as float"), text.getMessage());
  }

  @Test
  void sizeLimitsAreCheckedBeforeReading() throws Exception {
    Dataset huge = file.dataset("/limits/contiguous_huge");
    assertArrayEquals(new long[] {1_000_000_000L}, huge.shape());
    Hdf5Exception contiguous = assertThrows(Hdf5Exception.class, huge::readFloats);
    assertTrue(contiguous.getMessage().contains("declares 4000000000 bytes of contiguous data"),
        contiguous.getMessage());

    Dataset tooMany = file.dataset("/limits/chunked_too_many");
    assertEquals(3_000_000_000L, tooMany.elementCount());
    Hdf5Exception limit = assertThrows(Hdf5Exception.class, tooMany::readFloats);
    assertTrue(limit.getMessage().contains("more than the limit of 2147483639"),
        limit.getMessage());

    Dataset kernel = file.dataset("/model_weights/dense/dense/kernel:0");
    assertThrows(Hdf5Exception.class, () -> kernel.readFloats(5));
    assertEquals(6, kernel.readFloats(6).length);
  }

  @Test
  void superblockAfterUserBlock() throws Exception {
    try (Hdf5File userBlock = Hdf5File.open(fixture("userblock.h5"))) {
      assertArrayEquals(new float[] {1, 2}, userBlock.dataset("x").readFloats());
    }
  }

  @Test
  void inMemoryImage() throws Exception {
    byte[] image = Files.readAllBytes(fixture("fixtures.h5"));
    try (Hdf5File memory = Hdf5File.open(image, "model.weights.h5")) {
      assertEquals("model.weights.h5", memory.displayName());
      assertEquals(List.of("l1", "l2", "l3"), memory.stringListAttribute("/", "layer_names"));
      assertArrayEquals(new float[] {0.5f, 1.0f, 1.5f, -2.0f, 2.5f, 3.0f},
          memory.dataset("/model_weights/dense/dense/kernel:0").readFloats());
      Hdf5Exception e = assertThrows(Hdf5Exception.class, () -> memory.dataset("/nope"));
      assertTrue(e.getMessage().startsWith("model.weights.h5: /nope: "), e.getMessage());
    }
  }

  @Test
  void closedFile() throws Exception {
    Hdf5File closed = Hdf5File.open(fixture("fixtures.h5"));
    Dataset kernel = closed.dataset("/model_weights/dense/dense/kernel:0");
    closed.close();
    closed.close();
    Hdf5Exception e = assertThrows(Hdf5Exception.class, () -> closed.exists("/"));
    assertTrue(e.getMessage().endsWith("file is closed"), e.getMessage());
    assertThrows(Hdf5Exception.class, kernel::readFloats);
    assertArrayEquals(new long[] {2, 3}, kernel.shape());
  }
}
