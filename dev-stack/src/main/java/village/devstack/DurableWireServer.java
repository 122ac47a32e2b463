package village.devstack;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoThreadFactory;
import de.bwaldvogel.mongo.wire.MongoDatabaseHandler;
import de.bwaldvogel.mongo.wire.MongoExceptionHandler;
import de.bwaldvogel.mongo.wire.MongoWireMessageEncoder;
import de.bwaldvogel.mongo.wire.MongoWireProtocolHandler;
import de.bwaldvogel.mongo.wire.MongoWireReplyEncoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's {@code MongoServer} (the same pipeline, event loops and shutdown) with {@link DurableReplies}
 * in the pipeline and the backend wrapped in {@link DurableBackend}: a reply is sent once its command is on disk.
 * The commands run on Netty's worker event loops (2 × cores threads, each serving many connections), as in
 * {@code MongoServer}; a reply waiting for the sync does not block its event loop.
 */
final class DurableWireServer {
  private final DurableBackend backend;
  private final GroupCommit commit;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final Channel channel;

  private DurableWireServer(MongoBackend backend, MVStore store, InetSocketAddress address) {
    this.commit = new GroupCommit(store);
    this.backend = new DurableBackend(backend, commit);
    this.boss = new MultiThreadIoEventLoopGroup(0, new MongoThreadFactory("mongo-server-boss"), NioIoHandler.newFactory());
    this.workers = new MultiThreadIoEventLoopGroup(0, new MongoThreadFactory("mongo-server-worker"), NioIoHandler.newFactory());
    ChannelGroup clients = new DefaultChannelGroup("mongodb-channels", workers.next());
    try {
      this.channel = new ServerBootstrap()
          .group(boss, workers)
          .channel(NioServerSocketChannel.class)
          .option(ChannelOption.SO_BACKLOG, 100)
          .localAddress(address)
          .childOption(ChannelOption.TCP_NODELAY, Boolean.TRUE)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            public void initChannel(SocketChannel ch) {
              ch.pipeline().addLast(new MongoWireReplyEncoder());
              ch.pipeline().addLast(new MongoWireMessageEncoder());
              ch.pipeline().addLast(new MongoWireProtocolHandler());
              ch.pipeline().addLast(new DurableReplies(commit));
              ch.pipeline().addLast(new MongoDatabaseHandler(DurableWireServer.this.backend, clients));
              ch.pipeline().addLast(new MongoExceptionHandler());
            }
          })
          .bind().syncUninterruptibly().channel();
    } catch (RuntimeException e) {
      shutdownGroups();
      this.backend.close();
      throw e;
    }
  }

  /** Binds {@code address} (port 0: a free one); {@code backend} keeps its data in {@code store}. */
  static DurableWireServer bind(MongoBackend backend, MVStore store, InetSocketAddress address) {
    return new DurableWireServer(backend, store, address);
  }

  int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  GroupCommit groupCommit() {
    return commit;
  }

  /**
   * Stops accepting, lets the event loops finish (closing the connections), then commits and syncs what is left and
   * closes the backend (and its file).
   */
  void shutdown() {
    channel.close().syncUninterruptibly();
    shutdownGroups();
    backend.close();
  }

  private void shutdownGroups() {
    boss.shutdownGracefully(0, 5, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 5, TimeUnit.SECONDS);
    boss.terminationFuture().syncUninterruptibly();
    workers.terminationFuture().syncUninterruptibly();
  }
}
