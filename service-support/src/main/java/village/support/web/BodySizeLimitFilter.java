package village.support.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over the limit (1 MiB by default) with 413: at once when Content-Length says so, and
 * while reading when a chunked body grows past it.
 */
public class BodySizeLimitFilter extends OncePerRequestFilter {
  private final long max;
  private final ProblemWriter problems;

  public BodySizeLimitFilter(long max, ProblemWriter problems) {
    this.max = max;
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain) throws ServletException, IOException {
    if (req.getContentLengthLong() > max) {
      problems.write(req, res, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
          "The request body exceeds " + max + " bytes.");
      return;
    }
    if (req.getContentLengthLong() < 0 && req.getHeader("Transfer-Encoding") != null) {
      // a chunked body is read here, up to the limit, so that it is refused even where nobody reads it
      // (e.g. POST /api/stats/rebuild takes no body); under the limit it is handed on from memory
      byte[] body = req.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
      if (body.length > max) {
        problems.write(req, res, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
            "The request body exceeds " + max + " bytes.");
        return;
      }
      chain.doFilter(new Buffered(req, body), res);
      return;
    }
    chain.doFilter(new Limited(req, max), res);
  }

  private static final class Buffered extends HttpServletRequestWrapper {
    private final byte[] body;

    Buffered(HttpServletRequest req, byte[] body) {
      super(req);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override public int read() {
          return in.read();
        }

        @Override public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override public boolean isFinished() {
          return in.available() == 0;
        }

        @Override public boolean isReady() {
          return true;
        }

        @Override public void setReadListener(ReadListener l) {
          throw new IllegalStateException("not asynchronous");
        }
      };
    }

    @Override
    public java.io.BufferedReader getReader() {
      return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
          getCharacterEncoding() == null ? java.nio.charset.StandardCharsets.UTF_8
              : java.nio.charset.Charset.forName(getCharacterEncoding())));
    }
  }

  private static final class Limited extends HttpServletRequestWrapper {
    private final long max;
    private ServletInputStream stream;

    Limited(HttpServletRequest req, long max) {
      super(req);
      this.max = max;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) stream = new Counting(super.getInputStream(), max);
      return stream;
    }
  }

  private static final class Counting extends ServletInputStream {
    private final ServletInputStream in;
    private final long max;
    private long read;

    Counting(ServletInputStream in, long max) {
      this.in = in;
      this.max = max;
    }

    private void count(long n) throws PayloadTooLarge {
      if (n > 0 && (read += n) > max) throw new PayloadTooLarge(max);
    }

    @Override public int read() throws IOException {
      int b = in.read();
      if (b >= 0) count(1);
      return b;
    }

    @Override public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      count(n);
      return n;
    }

    @Override public boolean isFinished() {
      return in.isFinished();
    }

    @Override public boolean isReady() {
      return in.isReady();
    }

    @Override public void setReadListener(ReadListener l) {
      in.setReadListener(l);
    }
  }
}
