package io.keras4j.importer.hdf5;

import java.util.Arrays;

/** The shape of one dataset; its values are read on demand. Holds no native handles. */
public final class Dataset {
  /** The largest element count {@link #readFloats()} accepts: the largest Java array. */
  public static final long DEFAULT_MAX_ELEMENTS = Integer.MAX_VALUE - 8;

  private final Hdf5File file;
  private final String path;
  private final long[] shape;
  private final long elementCount;

  Dataset(Hdf5File file, String path, long[] shape, long elementCount) {
    this.file = file;
    this.path = path;
    this.shape = shape;
    this.elementCount = elementCount;
  }

  /** The absolute path of the dataset. */
  public String path() {
    return path;
  }

  /** The dimensions, outermost first; empty for a scalar. */
  public long[] shape() {
    return shape.clone();
  }

  public long elementCount() {
    return elementCount;
  }

  /** Reads all values in row-major order, converted to float; see {@link #readFloats(long)}. */
  public float[] readFloats() throws Hdf5Exception {
    return readFloats(DEFAULT_MAX_ELEMENTS);
  }

  /**
   * Reads all values in row-major order, converted to float. Accepts float16/32/64 and integer
   * data, and 16-bit integer or opaque data whose {@code dtype} attribute is "bfloat16" (Keras 3).
   *
   * @param maxElements refuse (before allocating) datasets with more elements than this
   */
  public float[] readFloats(long maxElements) throws Hdf5Exception {
    return file.readFloats(path, Math.min(maxElements, DEFAULT_MAX_ELEMENTS));
  }

  @Override
  public String toString() {
    return path + Arrays.toString(shape);
  }
}
