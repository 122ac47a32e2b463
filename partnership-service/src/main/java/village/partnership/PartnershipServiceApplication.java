package village.partnership;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class PartnershipServiceApplication {
  public static void main(String[] args) {
    SpringApplication.run(PartnershipServiceApplication.class, args);
  }
}
