package village.funds;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class FundsServiceApplication {
  public static void main(String[] args) {
    SpringApplication.run(FundsServiceApplication.class, args);
  }
}
