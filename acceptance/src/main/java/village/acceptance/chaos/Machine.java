package village.acceptance.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One line about the machine the suite ran on (CPU, cores, memory, OS, Java). */
final class Machine {
  private Machine() {}

  static String describe() {
    String cpu = grep("/proc/cpuinfo", "model name");
    String mem = grep("/proc/meminfo", "MemTotal");
    String memory = "";
    if (mem != null) {
      long kb = Long.parseLong(mem.replaceAll("[^0-9]", ""));
      memory = String.format(", %.1f GiB RAM", kb / 1024.0 / 1024.0);
    }
    return (cpu == null ? "" : cpu + ", ") + Runtime.getRuntime().availableProcessors() + " cores" + memory + ", "
        + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java " + Runtime.version();
  }

  private static String grep(String file, String field) {
    try {
      for (String line : Files.readAllLines(Path.of(file))) {
        if (line.startsWith(field)) return line.substring(line.indexOf(':') + 1).trim();
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return null;
  }
}
