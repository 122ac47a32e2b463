package village.devstack;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;

/**
 * Holds each reply of a connection back until {@link GroupCommit} has synced what its command wrote or could have
 * read (the ticket {@link DurableBackend} left on this event loop thread). The event loop is not blocked meanwhile:
 * it serves its other connections, whose writes join the same group. Replies leave in the order of their commands.
 * If the sync fails the reply is dropped and the connection closed: the client never sees an acknowledgement.
 */
final class DurableReplies extends ChannelOutboundHandlerAdapter {
  private final GroupCommit commit;
  // confined to the channel's event loop
  private int held;
  private long lastTicket;

  DurableReplies(GroupCommit commit) {
    this.commit = commit;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    long ticket = Math.max(GroupCommit.takeTicket(), lastTicket); // never before an earlier reply of this connection
    lastTicket = ticket;
    if (held == 0 && commit.isDurable(ticket)) {
      ctx.write(msg, promise);
      return;
    }
    held++;
    commit.whenDurable(ticket,
        () -> onLoop(ctx, () -> {
          held--;
          ctx.writeAndFlush(msg, promise);
        }),
        () -> onLoop(ctx, () -> {
          held--;
          ReferenceCountUtil.release(msg);
          promise.tryFailure(new IOException("the write could not be synced to disk"));
          ctx.close();
        }));
  }

  private static void onLoop(ChannelHandlerContext ctx, Runnable task) {
    try {
      ctx.executor().execute(task);
    } catch (RejectedExecutionException shutDown) {
      // the server is stopping: the connection is gone, and the data is committed on close
    }
  }
}
