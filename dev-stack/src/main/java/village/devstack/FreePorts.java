package village.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Free TCP ports on the loopback interface. */
final class FreePorts {
  private FreePorts() {}

  /** A port that was free a moment ago (bound and released on 127.0.0.1). */
  static int pick() {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(false);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }

  /** Two different free ports. */
  static int[] pickTwo() {
    int a = pick();
    int b = pick();
    while (b == a) {
      b = pick();
    }
    return new int[] {a, b};
  }
}
