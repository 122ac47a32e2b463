import java.net.URI;
import java.net.http.*;
import java.nio.file.*;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import village.devstack.SigningKey;
import village.devstack.Tokens;

/** args: keys DIR  |  load GATEWAY_URL PID WARM_S MEASURE_S TOKENS_FILE — closed loop, 16 clients, gateway CPU ms/request. */
public class GwBench {
  public static void main(String[] a) throws Exception {
    if (a[0].equals("keys")) {
      Path dir = Path.of(a[1]);
      SigningKey key = SigningKey.generate();
      Files.writeString(dir.resolve("jwks.json"), "{\"keys\":[" + key.jwk().toPublicJWK().toJSONString() + "]}");
      List<String> tokens = new ArrayList<>();
      for (int i = 0; i < 256; i++) tokens.add(Tokens.sign(key, "bench", "bench-" + i, List.of("TOWNSHIP"), null, "城关镇", Duration.ofHours(2), null));
      Files.write(dir.resolve("tokens.txt"), tokens);
      return;
    }
    String url = a[1]; String pid = a[2]; int warm = Integer.parseInt(a[3]); int measure = Integer.parseInt(a[4]);
    List<String> tokens = Files.readAllLines(Path.of(a[5]));
    HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
    round(http, url, tokens, warm, pid, "warm-up");
    for (int r = 0; r < 2; r++) round(http, url, tokens, measure, pid, "measure " + (r + 1));
    System.exit(0);
  }

  static void round(HttpClient http, String url, List<String> tokens, int seconds, String pid, String what) throws Exception {
    AtomicLong ok = new AtomicLong(), bad = new AtomicLong(), seq = new AtomicLong();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long c0 = cpu(pid);
    long t0 = System.nanoTime();
    List<Thread> ts = new ArrayList<>();
    for (int c = 0; c < 16; c++) ts.add(Thread.ofVirtual().start(() -> {
      while (System.nanoTime() < end) {
        long i = seq.getAndIncrement();
        HttpRequest rq = HttpRequest.newBuilder(URI.create(url + "/api/villages/CG001")).timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + tokens.get((int) (i % tokens.size()))).GET().build();
        try {
          HttpResponse<Void> r = http.send(rq, HttpResponse.BodyHandlers.discarding());
          if (r.statusCode() == 200) ok.incrementAndGet(); else bad.incrementAndGet();
        } catch (Exception e) { bad.incrementAndGet(); }
      }
    }));
    for (Thread t : ts) t.join();
    double s = (System.nanoTime() - t0) / 1e9;
    long c1 = cpu(pid);
    long n = ok.get() + bad.get();
    System.out.printf("  %s: %d ok, %d failed in %.1f s = %.0f/s; gateway CPU %.3f ms/request%n", what, ok.get(), bad.get(), s, n / s,
        (c1 - c0) / (double) Math.max(1, n));
  }

  static long cpu(String pid) throws Exception {
    String stat = Files.readString(Path.of("/proc", pid, "stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
  }
}
