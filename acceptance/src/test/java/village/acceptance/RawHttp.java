package village.acceptance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP/1.1 exchange as bytes on a socket, for requests that java.net.http refuses to send (bad percent-encoding,
 * raw control characters, lying lengths). The body is written on its own thread while the answer is read, as a
 * browser or curl does, so a server that answers early (413) is heard. {@code Connection: close} on every request.
 */
final class RawHttp {
  /** The answer; status -1 when none came (reset, closed or timed out before a status line), with why. */
  record Answer(int status, Map<String, String> headers, String body, String failure) {
    String header(String name) {
      return headers.get(name.toLowerCase());
    }

    String contentType() {
      String t = header("content-type");
      return t == null ? "" : t;
    }
  }

  /** A body sent as it is: {@code chunked} streams {@code bytes} without a length, else with Content-Length. */
  record Body(byte[] bytes, boolean chunked) {
    static Body of(String text) {
      return new Body(text.getBytes(StandardCharsets.UTF_8), false);
    }
  }

  private RawHttp() {}

  static Answer exchange(int port, String method, String target, Map<String, String> headers, Body body) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
      head.append("Host: 127.0.0.1:").append(port).append("\r\nConnection: close\r\n");
      headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
      if (body != null && body.chunked()) head.append("Transfer-Encoding: chunked\r\n");
      else if (body != null && !headers.containsKey("Content-Length")) head.append("Content-Length: ").append(body.bytes().length).append("\r\n");
      head.append("\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1)); // each char one byte: raw bytes as given
      out.flush();
      Thread writer = null;
      if (body != null) {
        writer = Thread.ofVirtual().start(() -> {
          try {
            if (body.chunked()) {
              for (int off = 0; off < body.bytes().length; off += 65536) {
                int n = Math.min(65536, body.bytes().length - off);
                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body.bytes(), off, n);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
              }
              out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } else {
              out.write(body.bytes());
            }
            out.flush();
          } catch (IOException e) {
            // the server stopped reading (it answered early); the answer is what counts
          }
        });
      }
      Answer a = read(socket.getInputStream());
      if (writer != null) writer.interrupt();
      return a;
    } catch (IOException e) {
      return new Answer(-1, Map.of(), "", e.toString());
    }
  }

  private static Answer read(InputStream in) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buf = new byte[16384];
    String failure = null;
    try {
      for (int n; (n = in.read(buf)) > 0; ) {
        all.write(buf, 0, n);
        if (all.size() > 4 << 20) break;
      }
    } catch (IOException e) {
      failure = e.toString();
    }
    String text = all.toString(StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    if (!text.startsWith("HTTP/1.") || end < 0) return new Answer(-1, Map.of(), text, failure == null ? "no status line" : failure);
    String[] lines = text.substring(0, end).split("\r\n");
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) headers.put(lines[i].substring(0, colon).trim().toLowerCase(), lines[i].substring(colon + 1).trim());
    }
    String body = text.substring(end + 4);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) body = dechunk(body);
    return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, body, null);
  }

  private static String dechunk(String s) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    try {
      while (i < s.length()) {
        int eol = s.indexOf("\r\n", i);
        int size = Integer.parseInt(s.substring(i, eol).trim(), 16);
        if (size == 0) break;
        out.append(s, eol + 2, Math.min(s.length(), eol + 2 + size));
        i = eol + 2 + size + 2;
      }
    } catch (RuntimeException e) {
      return s; // sizes count bytes, the text chars: good enough for the problem bodies read here
    }
    return out.toString();
  }
}
