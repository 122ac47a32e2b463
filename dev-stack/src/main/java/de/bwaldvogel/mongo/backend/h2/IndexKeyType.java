package de.bwaldvogel.mongo.backend.h2;

import de.bwaldvogel.mongo.backend.KeyValue;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.UUID;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of a unique index's map: H2's {@link ObjectDataType}, the same bytes on disk and the same order, but
 * faster. H2 orders {@link KeyValue}s (not {@link Comparable}) by their Java-serialized bytes and serializes both sides
 * on every comparison — a B-tree search of one insert serialized the searched key a dozen times and the keys it passed
 * as often; in a profile of the local Mongo server under writes that was 30 % of its CPU. Here the searched key is
 * serialized once (for every level of the tree and the next operation with the same key), and the serialized form
 * of each key already in the tree is remembered by identity (the tree's pages hold the same key objects until they
 * are evicted), so the order is exactly the one on disk.
 * Only keys made of immutable values are remembered; any other key is serialized each time, as before.
 */
final class IndexKeyType extends ObjectDataType {
  private static final int REMEMBERED = 20_000;

  private final Map<KeyValue, byte[]> remembered = new IdentityHashMap<>();
  private final ThreadLocal<Object[]> lastSearched = ThreadLocal.withInitial(() -> new Object[2]);

  @Override
  public int compare(Object a, Object b) {
    if (a instanceof KeyValue ka && b instanceof KeyValue kb) {
      return a == b ? 0 : compareNotNull(bytes(ka), bytes(kb));
    }
    return super.compare(a, b);
  }

  @Override
  public int binarySearch(Object key, Object storage, int size, int initialGuess) {
    if (!(key instanceof KeyValue)) {
      return super.binarySearch(key, storage, size, initialGuess);
    }
    byte[] searched = searched((KeyValue) key);
    Object[] keys = (Object[]) storage;
    int low = 0;
    int high = size - 1;
    int x = initialGuess - 1; // as H2's BasicDataType.binarySearch: the cached index minus one
    if (x < 0 || x > high) {
      x = high >>> 1;
    }
    while (low <= high) {
      Object other = keys[x];
      int c = other instanceof KeyValue kv ? compareNotNull(searched, bytes(kv)) : super.compare(key, other);
      if (c > 0) {
        low = x + 1;
      } else if (c < 0) {
        high = x - 1;
      } else {
        return x;
      }
      x = (low + high) >>> 1;
    }
    return ~low;
  }

  /** One operation searches each level of the tree for the same key object: it is serialized once. */
  private byte[] searched(KeyValue key) {
    Object[] last = lastSearched.get();
    if (last[0] != key) {
      last[0] = key;
      last[1] = serialize(key);
    }
    return (byte[]) last[1];
  }

  private byte[] bytes(KeyValue key) {
    if (!immutable(key)) {
      return serialize(key);
    }
    synchronized (remembered) {
      byte[] b = remembered.get(key);
      if (b != null) {
        return b;
      }
    }
    byte[] b = serialize(key);
    synchronized (remembered) {
      if (remembered.size() >= REMEMBERED) {
        remembered.clear(); // a crude bound: the keys in use are remembered again within a few searches
      }
      remembered.put(key, b);
    }
    return b;
  }

  private static boolean immutable(KeyValue key) {
    for (Object v : key) {
      if (!(v == null || v instanceof String || v instanceof Integer || v instanceof Long || v instanceof Double
          || v instanceof Boolean || v instanceof UUID || v instanceof de.bwaldvogel.mongo.bson.ObjectId
          || v instanceof de.bwaldvogel.mongo.backend.Missing)) {
        return false;
      }
    }
    return true;
  }
}
