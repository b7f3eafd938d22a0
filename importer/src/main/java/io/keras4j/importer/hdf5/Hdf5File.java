package io.keras4j.importer.hdf5;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.bytedeco.hdf5.global.hdf5.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.bytedeco.hdf5.H5E_error2_t;
import org.bytedeco.hdf5.H5E_walk2_t;
import org.bytedeco.hdf5.H5G_info_t;
import org.bytedeco.hdf5.H5L_info2_t;
import org.bytedeco.hdf5.H5O_info2_t;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.javacpp.ShortPointer;

/**
 * A read-only view of one HDF5 file, on disk or an in-memory image. Thread-safe: every native call
 * holds one global lock, because the bundled HDF5 library is built without thread safety.
 *
 * <p>Paths are absolute ("/a/b") or relative to the root ("a/b"). Only hard links are followed:
 * soft and external links (which could reach other files) are treated as absent.
 */
public final class Hdf5File implements AutoCloseable {
  /** Serialises all calls into the HDF5 library. */
  static final Object LOCK = new Object();

  /** Upper bound on the bytes of one attribute value or link name. */
  static final long MAX_STRING_BYTES = 64L << 20;

  private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
  private static final int NO_OBJECT = Integer.MIN_VALUE;
  private static final int ANY_OBJECT = Integer.MAX_VALUE;
  private static final Charset PATH_CHARSET =
      Charset.forName(System.getProperty("sun.jnu.encoding", Charset.defaultCharset().name()));

  private static ErrorWalker errorWalker; // non-null once the library is loaded; guarded by LOCK
  private static long imageCount; // guarded by LOCK

  private final String displayName;
  private final long fileSize;
  private long fileId; // guarded by LOCK; -1 once closed

  private Hdf5File(String displayName, long fileSize, long fileId) {
    this.displayName = displayName;
    this.fileSize = fileSize;
    this.fileId = fileId;
  }

  /** Opens a file on the default file system, after checking that it carries the HDF5 signature. */
  public static Hdf5File open(Path file) throws Hdf5Exception {
    String name = file.toString();
    if (file.getFileSystem() != FileSystems.getDefault()) {
      throw new Hdf5Exception(name, "/", "not on the default file system; read it into memory");
    }
    if (Files.isDirectory(file)) {
      throw new Hdf5Exception(name, "/", "is a directory, not an HDF5 file");
    }
    long size;
    boolean signed;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      size = channel.size();
      signed = hasSignature(channel);
    } catch (NoSuchFileException e) {
      throw new Hdf5Exception(name, "/", "file not found", e);
    } catch (IOException e) {
      throw new Hdf5Exception(name, "/", "cannot read file: " + e, e);
    }
    if (!signed) {
      throw notHdf5(name);
    }
    synchronized (LOCK) {
      loadLibrary(name);
      try (Scope s = new Scope()) {
        long fapl = s.own(checkOpen(H5Pcreate(H5P_CLS_FILE_ACCESS_ID_g()), name, "H5Pcreate"));
        checkOpen(H5Pset_file_locking(fapl, false, true), name, "H5Pset_file_locking");
        checkOpen(H5Pset_fclose_degree(fapl, H5F_CLOSE_STRONG), name, "H5Pset_fclose_degree");
        BytePointer path = new BytePointer(name, PATH_CHARSET);
        long fileId = checkOpen(H5Fopen(path, H5F_ACC_RDONLY, fapl), name, "H5Fopen");
        return new Hdf5File(name, size, fileId);
      }
    }
  }

  /**
   * Opens an in-memory file image (such as model.weights.h5 inside a .keras archive) without
   * writing any file: the HDF5 core driver works on a private copy of {@code image}.
   */
  public static Hdf5File open(byte[] image, String displayName) throws Hdf5Exception {
    if (!hasSignature(image)) {
      throw notHdf5(displayName);
    }
    synchronized (LOCK) {
      loadLibrary(displayName);
      try (Scope s = new Scope()) {
        String file = displayName;
        long fapl = s.own(checkOpen(H5Pcreate(H5P_CLS_FILE_ACCESS_ID_g()), file, "H5Pcreate"));
        checkOpen(H5Pset_fapl_core(fapl, 1 << 16, false), file, "H5Pset_fapl_core");
        checkOpen(H5Pset_fclose_degree(fapl, H5F_CLOSE_STRONG), file, "H5Pset_fclose_degree");
        checkOpen(H5Pset_file_image(fapl, new BytePointer(image), image.length), file,
            "H5Pset_file_image"); // copies the image
        // The core driver refuses a name that exists on disk and shares open files by name, so
        // use a unique name that can never exist: nothing lives below /dev/null.
        String name = "/dev/null/keras4j-image-" + ++imageCount;
        long fileId = checkOpen(H5Fopen(name, H5F_ACC_RDONLY, fapl), file, "H5Fopen");
        return new Hdf5File(file, image.length, fileId);
      }
    }
  }

  public String displayName() {
    return displayName;
  }

  /** Whether an object exists at {@code path}; false also when an intermediate group is missing. */
  public boolean exists(String path) throws Hdf5Exception {
    String p = absolute(path);
    return locked(p, s -> objectType(p) != NO_OBJECT);
  }

  public boolean isGroup(String path) throws Hdf5Exception {
    String p = absolute(path);
    return locked(p, s -> objectType(p) == H5O_TYPE_GROUP);
  }

  public boolean isDataset(String path) throws Hdf5Exception {
    String p = absolute(path);
    return locked(p, s -> objectType(p) == H5O_TYPE_DATASET);
  }

  /** The member names of a group, in HDF5 link-name order. */
  public List<String> children(String groupPath) throws Hdf5Exception {
    String p = absolute(groupPath);
    return locked(p, s -> {
      long group = openObject(s, p, H5O_TYPE_GROUP);
      H5G_info_t info = new H5G_info_t();
      check(H5Gget_info(group, info), p, "H5Gget_info");
      List<String> names = new ArrayList<>();
      for (long i = 0; i < info.nlinks(); i++) {
        long length = check(H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i,
            (BytePointer) null, 0, H5P_DEFAULT), p, "H5Lget_name_by_idx");
        checkStringSize(length, 1, p, "link name");
        BytePointer name = new BytePointer(length + 1);
        check(H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, name, length + 1,
            H5P_DEFAULT), p, "H5Lget_name_by_idx");
        names.add(decode(name, length));
      }
      return names;
    });
  }

  /** Whether the object at {@code objectPath} (which must exist) has the attribute. */
  public boolean hasAttribute(String objectPath, String name) throws Hdf5Exception {
    String p = absolute(objectPath);
    return locked(p, s -> hasAttribute(openObject(s, p, ANY_OBJECT), p, name));
  }

  /**
   * A scalar (or one-element) string attribute, variable- or fixed-length, decoded as UTF-8;
   * empty if absent.
   */
  public Optional<String> stringAttribute(String objectPath, String name) throws Hdf5Exception {
    String p = absolute(objectPath);
    return locked(p, s -> {
      long object = openObject(s, p, ANY_OBJECT);
      if (!hasAttribute(object, p, name)) {
        return Optional.empty();
      }
      List<String> values = readStrings(s, object, p, name);
      if (values.size() != 1) {
        throw new Hdf5Exception(displayName, p,
            "attribute '" + name + "' holds " + values.size() + " strings, expected one");
      }
      return Optional.of(values.get(0));
    });
  }

  /**
   * A string-array attribute; if absent, Keras' chunked form {@code name0}, {@code name1}, ...
   * concatenated. An empty numeric attribute (how h5py stores an empty list) is an empty list.
   *
   * @throws Hdf5Exception also if neither form exists
   */
  public List<String> stringListAttribute(String objectPath, String name) throws Hdf5Exception {
    return optionalStringListAttribute(objectPath, name).orElseThrow(() ->
        new Hdf5Exception(displayName, absolute(objectPath), "no attribute '" + name + "'"));
  }

  /** Like {@link #stringListAttribute}, but empty if neither form of the attribute exists. */
  public Optional<List<String>> optionalStringListAttribute(String objectPath, String name)
      throws Hdf5Exception {
    String p = absolute(objectPath);
    return locked(p, s -> {
      long object = openObject(s, p, ANY_OBJECT);
      if (hasAttribute(object, p, name)) {
        return Optional.of(readStrings(s, object, p, name));
      }
      if (!hasAttribute(object, p, name + 0)) {
        return Optional.empty();
      }
      List<String> values = new ArrayList<>();
      for (int chunk = 0; hasAttribute(object, p, name + chunk); chunk++) {
        values.addAll(readStrings(s, object, p, name + chunk));
      }
      return Optional.of(values);
    });
  }

  /** The dataset at {@code path}. */
  public Dataset dataset(String path) throws Hdf5Exception {
    String p = absolute(path);
    return locked(p, s -> {
      long[] shape = shape(s.own(check(H5Dget_space(openObject(s, p, H5O_TYPE_DATASET)), p,
          "H5Dget_space")), p);
      return new Dataset(this, p, shape, elementCount(shape, p));
    });
  }

  @Override
  public void close() {
    synchronized (LOCK) {
      if (fileId >= 0) {
        H5Fclose(fileId);
        fileId = -1;
      }
    }
  }

  float[] readFloats(String path, long maxElements) throws Hdf5Exception {
    return locked(path, s -> {
      long dataset = openObject(s, path, H5O_TYPE_DATASET);
      long count = elementCount(shape(s.own(check(H5Dget_space(dataset), path, "H5Dget_space")),
          path), path);
      if (count > maxElements) {
        throw new Hdf5Exception(displayName, path,
            "has " + count + " elements, more than the limit of " + maxElements);
      }
      long type = s.own(check(H5Dget_type(dataset), path, "H5Dget_type"));
      int typeClass = check(H5Tget_class(type), path, "H5Tget_class");
      long size = H5Tget_size(type);
      boolean bfloat16 = size == 2 && (typeClass == H5T_INTEGER || typeClass == H5T_OPAQUE)
          && hasAttribute(dataset, path, "dtype")
          && readStrings(s, dataset, path, "dtype").equals(List.of("bfloat16"));
      boolean numeric = (typeClass == H5T_FLOAT && (size == 2 || size == 4 || size == 8))
          || (typeClass == H5T_INTEGER && (size == 1 || size == 2 || size == 4 || size == 8));
      if (!bfloat16 && !numeric) {
        throw new Hdf5Exception(displayName, path, "cannot read " + typeName(typeClass) + " with "
            + size + "-byte elements as float" + (typeClass == H5T_OPAQUE && size == 2
            ? " (Keras 3 writes bfloat16 weights so, for a layer with dtype bfloat16: keras4j computes in"
            + " float32 only)" : ""));
      }
      long plist = s.own(check(H5Dget_create_plist(dataset), path, "H5Dget_create_plist"));
      int layout = check(H5Pget_layout(plist), path, "H5Pget_layout");
      if (layout == H5D_CONTIGUOUS && count * size > fileSize) {
        throw new Hdf5Exception(displayName, path, "declares " + count * size
            + " bytes of contiguous data but the file has only " + fileSize + " bytes");
      }
      float[] values = new float[(int) count];
      if (count == 0) {
        return values;
      }
      if (bfloat16) { // the upper half of a float32
        ShortPointer raw = new ShortPointer(count);
        long memoryType = typeClass == H5T_OPAQUE ? type : H5T_NATIVE_UINT16_g();
        check(H5Dread(dataset, memoryType, H5S_ALL, H5S_ALL, H5P_DEFAULT, raw), path, "H5Dread");
        short[] bits = new short[(int) count];
        raw.get(bits);
        for (int i = 0; i < bits.length; i++) {
          values[i] = Float.intBitsToFloat((bits[i] & 0xffff) << 16);
        }
      } else {
        FloatPointer buffer = new FloatPointer(count);
        check(H5Dread(dataset, H5T_NATIVE_FLOAT_g(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer), path,
            "H5Dread");
        buffer.get(values);
      }
      return values;
    });
  }

  private <T> T locked(String path, Operation<T> operation) throws Hdf5Exception {
    synchronized (LOCK) {
      if (fileId < 0) {
        throw new Hdf5Exception(displayName, path, "file is closed");
      }
      try (Scope s = new Scope()) {
        return operation.run(s);
      }
    }
  }

  /** The H5O_TYPE_* of the object at an absolute path, or NO_OBJECT; follows hard links only. */
  private int objectType(String path) throws Hdf5Exception {
    int type = H5O_TYPE_GROUP;
    StringBuilder prefix = new StringBuilder();
    for (String name : path.substring(1).split("/")) {
      if (name.isEmpty()) {
        continue; // the root itself
      }
      if (type != H5O_TYPE_GROUP || name.indexOf('\0') >= 0) {
        return NO_OBJECT;
      }
      BytePointer link = utf8(prefix.append('/').append(name).toString());
      if (check(H5Lexists(fileId, link, H5P_DEFAULT), path, "H5Lexists") == 0) {
        return NO_OBJECT;
      }
      H5L_info2_t linkInfo = new H5L_info2_t();
      check(H5Lget_info2(fileId, link, linkInfo, H5P_DEFAULT), path, "H5Lget_info2");
      if (linkInfo.type() != H5L_TYPE_HARD) {
        return NO_OBJECT;
      }
      H5O_info2_t info = new H5O_info2_t();
      check(H5Oget_info_by_name3(fileId, link, info, H5O_INFO_BASIC, H5P_DEFAULT), path,
          "H5Oget_info_by_name3");
      type = info.type();
    }
    return type;
  }

  /** Opens the object at an absolute path, which must exist and have the given type. */
  private long openObject(Scope s, String path, int requiredType) throws Hdf5Exception {
    int type = objectType(path);
    if (type == NO_OBJECT) {
      throw new Hdf5Exception(displayName, path, "no such object");
    }
    if (requiredType != ANY_OBJECT && type != requiredType) {
      throw new Hdf5Exception(displayName, path,
          requiredType == H5O_TYPE_GROUP ? "is not a group" : "is not a dataset");
    }
    return s.own(check(H5Oopen(fileId, utf8(path), H5P_DEFAULT), path, "H5Oopen"));
  }

  private boolean hasAttribute(long object, String path, String name) throws Hdf5Exception {
    return name.indexOf('\0') < 0
        && check(H5Aexists(object, utf8(name)), path, "H5Aexists '" + name + "'") > 0;
  }

  /** All elements of a string attribute (an empty numeric attribute gives an empty list). */
  private List<String> readStrings(Scope s, long object, String path, String name)
      throws Hdf5Exception {
    String what = "attribute '" + name + "'";
    long attribute =
        s.own(check(H5Aopen(object, utf8(name), H5P_DEFAULT), path, "H5Aopen " + what));
    long type = s.own(check(H5Aget_type(attribute), path, "H5Aget_type " + what));
    long space = s.own(check(H5Aget_space(attribute), path, "H5Aget_space " + what));
    long count = elementCount(shape(space, path), path);
    int typeClass = check(H5Tget_class(type), path, "H5Tget_class " + what);
    if (typeClass != H5T_STRING) {
      if (count == 0 && (typeClass == H5T_FLOAT || typeClass == H5T_INTEGER)) {
        return List.of();
      }
      throw new Hdf5Exception(displayName, path,
          what + " is not a string but " + typeName(typeClass));
    }
    if (count == 0) {
      return List.of();
    }
    List<String> values = new ArrayList<>();
    if (check(H5Tis_variable_str(type), path, "H5Tis_variable_str " + what) > 0) {
      checkStringSize(count, Loader.sizeof(PointerPointer.class), path, what);
      long memoryType = s.own(check(H5Tcopy(H5T_C_S1_g()), path, "H5Tcopy"));
      check(H5Tset_size(memoryType, H5T_VARIABLE), path, "H5Tset_size"); // -1 = SIZE_MAX
      check(H5Tset_cset(memoryType, H5Tget_cset(type)), path, "H5Tset_cset");
      PointerPointer<BytePointer> pointers = new PointerPointer<BytePointer>(count).zero();
      try {
        check(H5Aread(attribute, memoryType, pointers), path, "H5Aread " + what);
        long total = 0;
        for (long i = 0; i < count; i++) {
          BytePointer value = pointers.get(BytePointer.class, i);
          long length = Pointer.isNull(value) ? 0 : BytePointer.strlen(value);
          total += length;
          checkStringSize(total, 1, path, what);
          values.add(length == 0 ? "" : decode(value, length));
        }
      } finally {
        H5Treclaim(memoryType, space, H5P_DEFAULT, pointers); // frees what H5Aread allocated
      }
    } else {
      long size = H5Tget_size(type);
      if (size <= 0) {
        throw new Hdf5Exception(displayName, path, what + " has an invalid string size " + size);
      }
      checkStringSize(count, size, path, what);
      BytePointer buffer = new BytePointer(count * size);
      check(H5Aread(attribute, type, buffer), path, "H5Aread " + what); // same type: raw bytes
      byte[] bytes = new byte[(int) (count * size)];
      buffer.get(bytes);
      int padding = H5Tget_strpad(type);
      for (int start = 0; start < bytes.length; start += (int) size) {
        values.add(fixedString(bytes, start, start + (int) size, padding));
      }
    }
    return values;
  }

  /** Decodes one fixed-length string element as UTF-8, removing its padding. */
  private static String fixedString(byte[] bytes, int start, int end, int padding) {
    int length = 0;
    if (padding == H5T_STR_NULLTERM) {
      while (start + length < end && bytes[start + length] != 0) {
        length++;
      }
    } else {
      byte pad = padding == H5T_STR_SPACEPAD ? (byte) ' ' : 0;
      for (length = end - start; length > 0 && bytes[start + length - 1] == pad; length--) {
        // strip trailing padding
      }
    }
    return new String(bytes, start, length, UTF_8);
  }

  /** The dimensions of a dataspace: empty for a scalar, {0} for a null dataspace. */
  private long[] shape(long space, String path) throws Hdf5Exception {
    int kind = check(H5Sget_simple_extent_type(space), path, "H5Sget_simple_extent_type");
    if (kind == H5S_SCALAR) {
      return new long[0];
    }
    if (kind == H5S_NULL) {
      return new long[] {0};
    }
    int rank = check(H5Sget_simple_extent_ndims(space), path, "H5Sget_simple_extent_ndims");
    long[] dims = new long[rank];
    check(H5Sget_simple_extent_dims(space, dims, (long[]) null), path, "H5Sget_simple_extent_dims");
    if (Arrays.stream(dims).anyMatch(d -> d < 0)) {
      throw new Hdf5Exception(displayName, path, "dimension out of range: "
          + Arrays.toString(Arrays.stream(dims).mapToObj(Long::toUnsignedString).toArray()));
    }
    return dims;
  }

  private long elementCount(long[] shape, String path) throws Hdf5Exception {
    try {
      return Arrays.stream(shape).reduce(1, Math::multiplyExact);
    } catch (ArithmeticException e) {
      throw new Hdf5Exception(displayName, path, "element count of shape "
          + Arrays.toString(shape) + " overflows", e);
    }
  }

  private void checkStringSize(long count, long elementSize, String path, String what)
      throws Hdf5Exception {
    if (count > MAX_STRING_BYTES / elementSize) {
      throw new Hdf5Exception(displayName, path,
          what + " is longer than " + MAX_STRING_BYTES + " bytes");
    }
  }

  private long check(long result, String path, String call) throws Hdf5Exception {
    if (result < 0) {
      throw failure(displayName, path, call);
    }
    return result;
  }

  private int check(int result, String path, String call) throws Hdf5Exception {
    return (int) check((long) result, path, call);
  }

  /** For calls before a file is open: the object path is the root. */
  private static long checkOpen(long result, String file, String call) throws Hdf5Exception {
    if (result < 0) {
      throw failure(file, "/", call);
    }
    return result;
  }

  /** Describes a failed call with the innermost message of HDF5's error stack. */
  private static Hdf5Exception failure(String file, String path, String call) {
    errorWalker.innermost = null;
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, errorWalker, null);
    String cause = errorWalker.innermost == null ? "" : ": " + errorWalker.innermost;
    return new Hdf5Exception(file, path, call + " failed" + cause);
  }

  private static void loadLibrary(String file) throws Hdf5Exception {
    if (errorWalker != null) {
      return;
    }
    try {
      if (H5open() < 0) {
        throw new Hdf5Exception(file, "/", "H5open failed");
      }
      H5Eset_auto2(H5E_DEFAULT, null, null); // no printing to stderr; errors become exceptions
      errorWalker = new ErrorWalker();
    } catch (LinkageError e) {
      throw new Hdf5Exception(file, "/", "cannot load the HDF5 native library (needs "
          + "org.bytedeco:hdf5 with the classifier of this platform): " + e, e);
    }
  }

  private static String absolute(String path) {
    return "/" + String.join("/", Arrays.stream(path.split("/")).filter(n -> !n.isEmpty())
        .toArray(String[]::new));
  }

  private static BytePointer utf8(String s) {
    return new BytePointer(s, UTF_8);
  }

  private static String typeName(int typeClass) {
    String[] names = {"integer", "float", "time", "string", "bitfield", "opaque", "compound",
        "reference", "enum", "variable-length", "array"};
    return typeClass >= 0 && typeClass < names.length ? names[typeClass] + " data"
        : "data of HDF5 type class " + typeClass;
  }

  /** Decodes {@code length} bytes (not the whole allocation, which getString() would use). */
  private static String decode(BytePointer p, long length) {
    byte[] bytes = new byte[(int) length];
    p.get(bytes);
    return new String(bytes, UTF_8);
  }

  private static Hdf5Exception notHdf5(String file) {
    return new Hdf5Exception(file, "/", "not an HDF5 file (no HDF5 signature)");
  }

  /** The offsets where the HDF5 specification allows the signature: 0, 512, 1024, 2048, ... */
  private static LongStream signatureOffsets(long size) {
    return LongStream.iterate(0, offset -> offset >= 0 && offset + SIGNATURE.length <= size,
        offset -> offset == 0 ? 512 : 2 * offset);
  }

  private static boolean hasSignature(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(SIGNATURE.length);
    for (long offset : signatureOffsets(channel.size()).toArray()) {
      buffer.clear();
      while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
        // a short read is unusual but allowed
      }
      if (Arrays.equals(buffer.array(), SIGNATURE)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasSignature(byte[] image) {
    return signatureOffsets(image.length).anyMatch(offset -> Arrays.equals(
        image, (int) offset, (int) offset + SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length));
  }

  @FunctionalInterface
  private interface Operation<T> {
    T run(Scope s) throws Hdf5Exception;
  }

  /** Releases the HDF5 identifiers and native buffers of one operation, also on failure. */
  private static final class Scope implements AutoCloseable {
    private final PointerScope pointers = new PointerScope();
    private final Deque<Long> ids = new ArrayDeque<>();

    long own(long id) {
      ids.push(id);
      return id;
    }

    @Override
    public void close() {
      while (!ids.isEmpty()) {
        H5Idec_ref(ids.pop()); // closes an identifier of any kind
      }
      pointers.close();
    }
  }

  /** Records the description of the innermost entry of HDF5's error stack. */
  private static final class ErrorWalker extends H5E_walk2_t {
    String innermost;

    @Override
    public int call(int n, H5E_error2_t error, Pointer data) {
      BytePointer description = error.desc();
      innermost = Pointer.isNull(description) ? innermost : description.getString(UTF_8);
      return 0;
    }
  }
}
