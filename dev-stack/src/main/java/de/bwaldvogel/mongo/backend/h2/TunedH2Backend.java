package de.bwaldvogel.mongo.backend.h2;

import de.bwaldvogel.mongo.MongoDatabase;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend with faster unique indexes ({@link IndexKeyType}); the file format is unchanged, so
 * a file written by either backend opens with the other.
 */
public final class TunedH2Backend extends H2Backend {
  static final ThreadLocal<MVStore> opening = new ThreadLocal<>();

  public TunedH2Backend(MVStore store) {
    super(store);
  }

  @Override
  protected MongoDatabase openOrCreateDatabase(String databaseName) {
    opening.set(getMvStore());
    try {
      return new TunedH2Database(databaseName, getMvStore(), getCursorRegistry());
    } finally {
      opening.remove();
    }
  }
}
