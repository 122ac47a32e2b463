package village.acceptance.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import village.acceptance.RunningSystem;

/** Signals to one component of a system this JVM started (its pid file), and its restart with the launcher. */
final class Components {
  private final RunningSystem system;

  Components(RunningSystem system) {
    this.system = system;
  }

  /** The pid in {@code $VILLAGE_DATA_DIR/pids/<name>.pid}. */
  long pid(String component) {
    Path file = system.dataDir().resolve("pids").resolve(component + ".pid");
    try {
      return Long.parseLong(Files.readString(file).trim());
    } catch (IOException | NumberFormatException e) {
      throw new IllegalStateException("no pid for " + component + " in " + file + ": " + e);
    }
  }

  /** SIGKILL, and waits until the process is gone. */
  void kill(String component) {
    long pid = pid(component);
    signal(pid, "KILL");
    Optional<ProcessHandle> h = ProcessHandle.of(pid);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (h.isPresent() && h.get().isAlive() && System.nanoTime() < deadline) sleep(50);
    if (h.isPresent() && h.get().isAlive()) throw new IllegalStateException(component + " (pid " + pid + ") survived SIGKILL");
  }

  void stop(String component) {
    signal(pid(component), "STOP");
  }

  void resume(String component) {
    signal(pid(component), "CONT");
  }

  /** {@code VILLAGE_COMPONENTS=<name> ./village up}: starts it again (the launcher starts what is not running). */
  void restart(String component) {
    int exit = system.village(Duration.ofMinutes(6), Map.of("VILLAGE_COMPONENTS", component), "up");
    if (exit != 0) {
      throw new IllegalStateException("VILLAGE_COMPONENTS=" + component + " ./village up failed (exit " + exit
          + "); see acceptance/target/village-up.log and " + system.dataDir().resolve("logs/" + component + ".log"));
    }
  }

  private static void signal(long pid, String signal) {
    try {
      Process p = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
      }
    } catch (IOException e) {
      throw new IllegalStateException("kill -" + signal + " " + pid + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
