package village.support;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import village.support.openapi.OpenApiConventions;
import village.support.config.InfrastructureConfiguration;
import village.support.config.VillageProperties;
import village.support.health.InfrastructureHealth;
import village.support.kafka.TopicConfiguration;
import village.support.outbox.OutboxBacklogController;
import village.support.outbox.OutboxEvents;
import village.support.references.ReferenceClients;
import village.support.security.SecurityConfiguration;
import village.support.web.InfrastructureProblems;
import village.support.web.ProblemAdvice;
import village.support.web.ProblemErrorController;
import village.support.web.StrictJson;
import village.support.web.TomcatProblems;
import village.support.web.ProblemWriter;
import village.support.web.WebConfiguration;

/** Everything a village service gets by depending on service-support (its default properties: {@link village.support.config.VillageDefaults}). */
@AutoConfiguration(beforeName = {
    "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
    "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
    "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
    "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
    "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
    "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration"})
@EnableConfigurationProperties(VillageProperties.class)
@Import({InfrastructureConfiguration.class, TopicConfiguration.class, InfrastructureHealth.class, SecurityConfiguration.class,
    WebConfiguration.class, ProblemWriter.class, InfrastructureProblems.class, ProblemAdvice.class, ProblemErrorController.class,
    StrictJson.class, TomcatProblems.class, OutboxEvents.class, OutboxBacklogController.class, ReferenceClients.class,
    OpenApiConventions.class})
public class SupportAutoConfiguration {}
