package io.keras4j.importer.hdf5;

import java.io.IOException;

/** A failure to read an HDF5 file; the message always names the file and the object path. */
public class Hdf5Exception extends IOException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final String objectPath;

  public Hdf5Exception(String file, String objectPath, String detail) {
    this(file, objectPath, detail, null);
  }

  public Hdf5Exception(String file, String objectPath, String detail, Throwable cause) {
    super(file + ": " + objectPath + ": " + detail, cause);
    this.file = file;
    this.objectPath = objectPath;
  }

  /** The file's display name. */
  public String file() {
    return file;
  }

  /** The absolute path of the object inside the file ("/" for the file itself). */
  public String objectPath() {
    return objectPath;
  }
}
