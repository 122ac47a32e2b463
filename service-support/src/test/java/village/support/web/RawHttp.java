package village.support.web;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** HTTP/1.1 over a plain socket, so a test can send what a well-behaved client never would. */
final class RawHttp {
  record Reply(int status, Map<String, String> headers, String body) {
    String contentType() {
      return headers.getOrDefault("content-type", "");
    }

    @Override public String toString() {
      return status + " " + headers + " " + body;
    }
  }

  private RawHttp() {}

  static Reply send(int port, String head, String body) {
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    String request = head + (body == null ? "" : "Content-Length: " + bytes.length + "\r\n") + "Connection: close\r\n\r\n";
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.write(bytes);
      out.flush();
      return parse(s.getInputStream().readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Reply parse(byte[] raw) {
    String all = new String(raw, StandardCharsets.UTF_8);
    int end = all.indexOf("\r\n\r\n");
    String headText = end < 0 ? all : all.substring(0, end);
    String body = end < 0 ? "" : all.substring(end + 4);
    String[] lines = headText.split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int c = lines[i].indexOf(':');
      if (c > 0) headers.put(lines[i].substring(0, c).trim().toLowerCase(Locale.ROOT), lines[i].substring(c + 1).trim());
    }
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) body = unchunk(body);
    return new Reply(status, headers, body);
  }

  private static String unchunk(String body) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < body.length()) {
      int nl = body.indexOf("\r\n", i);
      if (nl < 0) break;
      int size = Integer.parseInt(body.substring(i, nl).trim(), 16);
      if (size == 0) break;
      sb.append(body, nl + 2, Math.min(body.length(), nl + 2 + size));
      i = nl + 2 + size + 2;
    }
    return sb.toString();
  }

}
