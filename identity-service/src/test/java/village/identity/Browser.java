package village.identity;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser-like HTTP client for the tests: keeps cookies, does not follow redirects (the tests follow them).
 * {@link #on(String)} is the same browser (the same cookies) talking to another instance, as behind a load balancer.
 */
final class Browser {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private final CookieManager cookies;
  private final HttpClient http;
  private final String base;
  String language = "zh-CN,zh;q=0.9";

  Browser(String base) {
    this(base, new CookieManager(null, CookiePolicy.ACCEPT_ALL));
  }

  private Browser(String base, CookieManager cookies) {
    this.base = base;
    this.cookies = cookies;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** This browser, its cookies included, sending its requests to {@code otherBase}. */
  Browser on(String otherBase) {
    Browser b = new Browser(otherBase, cookies);
    b.language = language;
    return b;
  }

  /** The value of the cookie {@code name} this browser holds (any port of the host), or null. */
  String cookie(String name) {
    return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
        .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
  }

  HttpResponse<String> get(String pathOrUrl) {
    return send(HttpRequest.newBuilder(uri(pathOrUrl)).header("Accept", "text/html").GET());
  }

  HttpResponse<String> post(String path, Map<String, String> form) {
    return send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html")
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(encode(form))));
  }

  /** GET a page and POST its form with the page's CSRF token and {@code fields}. */
  HttpResponse<String> submit(String pagePath, String action, Map<String, String> fields) {
    HttpResponse<String> page = get(pagePath);
    if (page.statusCode() != 200) throw new AssertionError("GET " + pagePath + " answered " + page.statusCode() + " " + page.body());
    Map<String, String> form = new LinkedHashMap<>(fields);
    form.put("_csrf", csrf(page.body()));
    return post(action, form);
  }

  static String csrf(String html) {
    Matcher m = CSRF.matcher(html);
    if (!m.find()) throw new AssertionError("no CSRF token in " + html);
    return m.group(1);
  }

  static String location(HttpResponse<?> r) {
    return r.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location: " + r.statusCode() + " " + r.body()));
  }

  static String encode(Map<String, String> form) {
    return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
  }

  private URI uri(String pathOrUrl) {
    return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
  }

  private HttpResponse<String> send(HttpRequest.Builder b) {
    try {
      return http.send(b.header("Accept-Language", language).timeout(Duration.ofSeconds(20)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
