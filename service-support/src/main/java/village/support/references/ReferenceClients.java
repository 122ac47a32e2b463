package village.support.references;

import org.springframework.stereotype.Component;
import village.support.config.VillageProperties;

/** Makes {@link ReferenceClient}s with the shared {@code village.references.*} settings. */
@Component
public class ReferenceClients {
  private final VillageProperties.References settings;

  public ReferenceClients(VillageProperties props) {
    this.settings = props.references();
  }

  public ReferenceClient create(String serviceName, String baseUrl) {
    return new ReferenceClient(serviceName, baseUrl, settings);
  }
}
