package village.acceptance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser as far as sign-in needs one: cookies kept per host (not per port, as browsers do), redirects followed
 * by hand (a redirected POST becomes a GET), forms posted with their hidden fields.
 */
public final class Browser {
  private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"");
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final Map<String, Map<String, String>> cookies = new LinkedHashMap<>();

  public record Page(int status, URI uri, String body, HttpResponse<String> raw) {
    String hidden(String name) {
      Matcher m = HIDDEN.matcher(body);
      while (m.find()) if (m.group(1).equals(name)) return m.group(2).replace("&amp;", "&");
      throw new AssertionError("no hidden field " + name + " on " + uri + ":\n" + body);
    }

    String csrfField() {
      Matcher m = HIDDEN.matcher(body);
      if (m.find()) return m.group(1);
      throw new AssertionError("no form token on " + uri + ":\n" + body);
    }
  }

  /**
   * A new browser signed in at the gateway: sent to the provider's sign-in page, the password given, and the
   * one-time password changed to {@code newPassword} when the provider asks for it.
   */
  public static Browser signedIn(String gateway, String username, String password, String newPassword) {
    Browser b = new Browser();
    Page next = b.signIn(b.open(gateway + "/"), username, password);
    if (next.uri().getPath().equals("/change-password")) {
      if (newPassword == null) throw new AssertionError(username + " must change the one-time password first");
      next = b.changePassword(next, password, newPassword);
    }
    if (!next.uri().toString().startsWith(gateway + "/")) {
      throw new AssertionError("not back at the gateway after signing in as " + username + ": " + next.uri() + "\n" + next.body());
    }
    return b;
  }

  public Page signIn(Page login, String username, String password) {
    if (!login.uri().getPath().equals("/login")) throw new AssertionError("not the sign-in page: " + login.uri() + "\n" + login.body());
    Map<String, String> form = new LinkedHashMap<>();
    form.put(login.csrfField(), login.hidden(login.csrfField()));
    form.put("username", username);
    form.put("password", password);
    return submit(login.uri().resolve("/login"), form);
  }

  public Page changePassword(Page page, String current, String next) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put(page.csrfField(), page.hidden(page.csrfField()));
    form.put("current", current);
    form.put("newPassword", next);
    form.put("confirm", next);
    return submit(page.uri().resolve("/change-password"), form);
  }

  /** GET, following redirects. */
  public Page open(String url) {
    return follow(request(URI.create(url)).GET().build());
  }

  /** A form POST, following redirects. */
  public Page submit(URI action, Map<String, String> fields) {
    StringJoiner form = new StringJoiner("&");
    fields.forEach((k, v) -> form.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return follow(request(action).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build());
  }

  /** One request with this browser's cookies, not following a redirect (for API calls with the session). */
  public HttpResponse<String> send(String method, String url, String json, String... headers) {
    HttpRequest.Builder b = request(URI.create(url)).method(method,
        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) b.header("Content-Type", "application/json");
    for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    return exchange(b.build());
  }

  public String cookie(String host, String name) {
    return cookies.getOrDefault(host, Map.of()).get(name);
  }

  private Page follow(HttpRequest first) {
    HttpRequest request = first;
    for (int hops = 0; hops < 20; hops++) {
      HttpResponse<String> r = exchange(request);
      String location = r.headers().firstValue("Location").orElse(null);
      if (r.statusCode() / 100 != 3 || location == null) return new Page(r.statusCode(), request.uri(), r.body(), r);
      request = request(request.uri().resolve(location)).GET().build();
    }
    throw new AssertionError("more than 20 redirects from " + first.uri());
  }

  private HttpRequest.Builder request(URI uri) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Accept-Language", "zh-CN")
        .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
    Map<String, String> jar = cookies.get(uri.getHost());
    if (jar != null && !jar.isEmpty()) {
      StringJoiner c = new StringJoiner("; ");
      jar.forEach((k, v) -> c.add(k + "=" + v));
      b.header("Cookie", c.toString());
    }
    return b;
  }

  private HttpResponse<String> exchange(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      keep(request.uri().getHost(), r.headers().allValues("Set-Cookie"));
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void keep(String host, List<String> setCookies) {
    Map<String, String> jar = cookies.computeIfAbsent(host, h -> new LinkedHashMap<>());
    for (String sc : setCookies) {
      String pair = sc.split(";", 2)[0];
      int eq = pair.indexOf('=');
      if (eq <= 0) continue;
      String name = pair.substring(0, eq).trim();
      String value = pair.substring(eq + 1).trim();
      String lower = sc.toLowerCase();
      if (value.isEmpty() || lower.contains("max-age=0") || lower.contains("expires=thu, 01 jan 1970")) jar.remove(name);
      else jar.put(name, value);
    }
  }
}
