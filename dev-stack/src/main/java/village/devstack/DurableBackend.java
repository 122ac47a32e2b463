package village.devstack;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import java.time.Clock;
import java.util.Collection;
import java.util.List;

/**
 * A backend whose commands run under {@link GroupCommit}: each leaves the ticket its reply waits for
 * ({@link DurableReplies} holds the reply back until then). Everything else is the wrapped backend's.
 */
final class DurableBackend implements MongoBackend {
  private final MongoBackend backend;
  private final GroupCommit commit;

  DurableBackend(MongoBackend backend, GroupCommit commit) {
    this.backend = backend;
    this.commit = commit;
  }

  @Override
  public Document handleMessage(MongoMessage message) {
    Document body = message.getDocument();
    String command = body.keySet().iterator().next();
    return commit.run(WriteCommands.isWrite(command, body), () -> backend.handleMessage(message));
  }

  @Override
  public Document handleCommand(Channel channel, String database, String command, Document query) {
    return commit.run(WriteCommands.isWrite(command, query), () -> backend.handleCommand(channel, database, command, query));
  }

  @Override
  public QueryResult handleQuery(MongoQuery query) {
    return commit.run(false, () -> backend.handleQuery(query));
  }

  @Override
  public void dropDatabase(String database) {
    commit.run(true, () -> {
      backend.dropDatabase(database);
      return null;
    });
  }

  @Override
  public void handleClose(Channel channel) {
    backend.handleClose(channel);
  }

  @Override
  public Collection<Document> getCurrentOperations(MongoQuery query) {
    return backend.getCurrentOperations(query);
  }

  @Override
  public Document getServerStatus() {
    return backend.getServerStatus();
  }

  /** The replies still waiting are released after a last commit and sync; then the wrapped backend closes. */
  @Override
  public void close() {
    try {
      commit.close();
    } finally {
      backend.close();
    }
  }

  @Override
  public void closeCursors(List<Long> cursorIds) {
    backend.closeCursors(cursorIds);
  }

  @Override
  public Clock getClock() {
    return backend.getClock();
  }

  @Override
  public void enableOplog() {
    backend.enableOplog();
  }

  @Override
  public void disableOplog() {
    backend.disableOplog();
  }

  @Override
  public MongoDatabase resolveDatabase(String database) {
    return backend.resolveDatabase(database);
  }

  @Override
  public MongoBackend version(MongoVersion version) {
    backend.version(version);
    return this;
  }
}
