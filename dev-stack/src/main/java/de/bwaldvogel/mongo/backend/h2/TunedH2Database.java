package de.bwaldvogel.mongo.backend.h2;

import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/** {@link H2Database} whose unique indexes use {@link IndexKeyType}; maps, names and data as the original's. */
final class TunedH2Database extends H2Database {
  private final MVStore store;

  TunedH2Database(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
    super(databaseName, store, cursorRegistry);
    this.store = store;
  }

  @Override
  protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
    // the map name of H2Database.mapNameForIndex (private there)
    String name = getFullCollectionNamespace(collectionName) + "._index_" + indexName;
    MVMap<KeyValue, Object> map = mvStore().openMap(name, new MVMap.Builder<KeyValue, Object>().keyType(new IndexKeyType()));
    return new H2UniqueIndex(map, indexName, keys, sparse);
  }

  // the super constructor opens the existing indexes before this class's field is set
  private MVStore mvStore() {
    return store != null ? store : TunedH2Backend.opening.get();
  }
}
