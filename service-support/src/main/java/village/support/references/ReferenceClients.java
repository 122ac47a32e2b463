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

  /** {@code baseUrls}: the callee's base URL, or a comma-separated list of its instances' base URLs. */
  public ReferenceClient create(String serviceName, String baseUrls) {
    return new ReferenceClient(serviceName, baseUrls, settings);
  }
}
