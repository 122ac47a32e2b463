package village.reporting;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ReportingServiceApplication {
  public static void main(String[] args) {
    SpringApplication.run(ReportingServiceApplication.class, args);
  }
}
