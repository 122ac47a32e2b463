package village.imports;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ImportServiceApplication {
  public static void main(String[] args) {
    SpringApplication.run(ImportServiceApplication.class, args);
  }
}
