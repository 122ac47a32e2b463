package village.support.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import village.support.config.VillageProperties;

/**
 * Request ids, the body size limit and the request guard (media types, URL encoding) run before everything else but
 * the HTTP observation (Boot's at {@code HIGHEST_PRECEDENCE + 1}), security included: inside the observation, so the
 * access log line of a request carries its trace id.
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {
  static final int FIRST = Ordered.HIGHEST_PRECEDENCE + 10;

  @Bean
  FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
    var r = new FilterRegistrationBean<>(new RequestIdFilter());
    r.setOrder(FIRST);
    return r;
  }

  @Bean
  FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(VillageProperties props, ProblemWriter problems) {
    var r = new FilterRegistrationBean<>(new BodySizeLimitFilter(props.maxBodyBytes(), problems));
    r.setOrder(FIRST + 1);
    return r;
  }

  @Bean
  FilterRegistrationBean<RequestGuardFilter> requestGuardFilter(ProblemWriter problems) {
    var r = new FilterRegistrationBean<>(new RequestGuardFilter(problems));
    r.setOrder(FIRST + 2);
    return r;
  }
}
