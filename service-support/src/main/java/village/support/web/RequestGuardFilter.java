package village.support.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before anything else reads them, the parts of a request that would otherwise fail deep inside the
 * framework as a 500: a {@code Content-Type} that is not one concrete media type (a wildcard such as {@code *}{@code /*},
 * or unparseable) is 415; a query string or path with bad percent-encoding or bytes that are not UTF-8 is 400.
 */
public class RequestGuardFilter extends OncePerRequestFilter {
  private final ProblemWriter problems;

  public RequestGuardFilter(ProblemWriter problems) {
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain) throws ServletException, IOException {
    String contentType = req.getHeader("Content-Type");
    if (contentType != null && !isSafeMethod(req.getMethod())) {
      String refused = refusedMediaType(contentType);
      if (refused != null) {
        problems.write(req, res, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type", refused);
        return;
      }
    }
    if (!decodes(req.getQueryString()) || !decodes(req.getRequestURI())) {
      problems.write(req, res, HttpStatus.BAD_REQUEST, "bad-request", "Bad request",
          "The URL has bad percent-encoding or bytes that are not UTF-8.");
      return;
    }
    try {
      req.getParameterMap(); // Tomcat parses the parameters now; a failure here would otherwise surface later as a 500
    } catch (RuntimeException e) {
      problems.write(req, res, HttpStatus.BAD_REQUEST, "bad-request", "Bad request",
          "The query string or form parameters cannot be read.");
      return;
    }
    chain.doFilter(req, res);
  }

  private static boolean isSafeMethod(String method) {
    return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
  }

  /** Why the header is refused, or null when it names one concrete media type. */
  static String refusedMediaType(String header) {
    if (header.isBlank()) return "The Content-Type header is empty; send application/json.";
    try {
      MediaType m = MediaType.parseMediaType(header);
      if (m.isWildcardType() || m.isWildcardSubtype()) {
        return "Content-Type '" + header + "' is a wildcard; send a concrete type such as application/json.";
      }
      m.getCharset(); // an unknown charset parameter throws here
      return null;
    } catch (IllegalArgumentException e) { // InvalidMediaTypeException included
      return "Content-Type '" + header.strip() + "' is not a valid media type; send application/json.";
    }
  }

  /** True if every %XX escape is well-formed and the decoded bytes are UTF-8 ({@code +} and plain text pass). */
  static boolean decodes(String raw) {
    if (raw == null || raw.indexOf('%') < 0) return true;
    byte[] bytes = new byte[raw.length()];
    int n = 0;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) return false;
        int hi = Character.digit(raw.charAt(i + 1), 16);
        int lo = Character.digit(raw.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) return false;
        bytes[n++] = (byte) ((hi << 4) + lo);
        i += 2;
      } else if (c < 0x80) {
        bytes[n++] = (byte) c;
      } else {
        return true; // already-decoded text (Tomcat hands the URI over raw; anything else here is not ours to judge)
      }
    }
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, n));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
