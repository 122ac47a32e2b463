package village.support.web;

import org.apache.catalina.Container;
import org.apache.catalina.Host;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts {@link ProblemErrorReportValve} in place of Tomcat's HTML error report on the host, so that even a request Tomcat
 * refuses itself is answered with a problem body. (The host installs its report valve when it starts, before its
 * context: the context's before-start event swaps it.)
 */
@Configuration(proxyBeanMethods = false)
public class TomcatProblems {

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
    return factory -> factory.addContextCustomizers(context -> context.addLifecycleListener(event -> {
      if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) install(context.getParent());
    }));
  }

  static void install(Container parent) {
    if (!(parent instanceof Host host)) return;
    if (host instanceof StandardHost sh) sh.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
    for (Valve v : host.getPipeline().getValves()) {
      if (v instanceof ProblemErrorReportValve) return;
      if (v instanceof ErrorReportValve) host.getPipeline().removeValve(v);
    }
    host.getPipeline().addValve(new ProblemErrorReportValve());
  }
}
