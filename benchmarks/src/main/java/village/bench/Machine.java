package village.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What the figures were measured on, and the resident memory of the launcher's processes. */
final class Machine {
  private Machine() {}

  static String describe() {
    String cpu = "?";
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      cpu = lines.filter(l -> l.startsWith("model name")).findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    long memKb = 0;
    try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
      memKb = lines.filter(l -> l.startsWith("MemTotal")).findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(0L);
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + (memKb >> 20) + " GiB RAM, Java "
        + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " " + System.getProperty("os.version");
  }

  /** The sum of VmRSS over the pids recorded in {@code pidDir/*.pid}. */
  static long residentBytes(Path pidDir) {
    long total = 0;
    try (Stream<Path> files = Files.list(pidDir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".pid")).toList()) {
        String pid = Files.readString(f).trim();
        Path status = Path.of("/proc", pid, "status");
        if (!Files.exists(status)) continue;
        for (String line : Files.readAllLines(status)) {
          if (line.startsWith("VmRSS:")) total += Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return total;
  }

  /** VmRSS per component (pid file name), in MiB. */
  static java.util.Map<String, Long> residentByComponent(Path pidDir) {
    java.util.Map<String, Long> out = new java.util.TreeMap<>();
    try (Stream<Path> files = Files.list(pidDir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".pid")).toList()) {
        String pid = Files.readString(f).trim();
        Path status = Path.of("/proc", pid, "status");
        if (!Files.exists(status)) continue;
        for (String line : Files.readAllLines(status)) {
          if (line.startsWith("VmRSS:")) {
            out.put(f.getFileName().toString().replace(".pid", ""), Long.parseLong(line.replaceAll("\\D", "")) >> 10);
          }
        }
      }
    } catch (IOException e) {
      // gone
    }
    return out;
  }

  /** CPU time (user + system) the launcher's process {@code name} has used so far, in milliseconds; -1 if unknown. */
  static long cpuMillis(Path pidDir, String name) {
    try {
      String pid = Files.readString(pidDir.resolve(name + ".pid")).trim();
      String stat = Files.readString(Path.of("/proc", pid, "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields 14 and 15 of /proc/PID/stat (utime, stime) in clock ticks of 1/100 s (USER_HZ on Linux)
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * Waits (at most {@code max}) until the whole machine is quiet — below {@code busyPercent} CPU over a second — so
   * a measurement does not share the cores with the work earlier load left behind (the reporting consumer catching
   * up, the outbox relay). Returns the seconds waited.
   */
  static double awaitQuiet(double busyPercent, java.time.Duration max) {
    long t0 = System.nanoTime();
    long deadline = t0 + max.toNanos();
    long[] before = cpuTotals();
    while (before != null && System.nanoTime() < deadline) {
      Load.sleepNanos(1_000_000_000L);
      long[] after = cpuTotals();
      if (after == null) break;
      double total = after[0] - before[0];
      double busy = total == 0 ? 0 : 100.0 * (total - (after[1] - before[1])) / total;
      before = after;
      if (busy < busyPercent) break;
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /** {all jiffies, idle + iowait jiffies} from the first line of /proc/stat; null if unreadable. */
  private static long[] cpuTotals() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < f.length; i++) total += Long.parseLong(f[i]);
      return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
