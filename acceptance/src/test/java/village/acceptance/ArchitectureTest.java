package village.acceptance;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering DEVELOPING.md describes, checked on the compiled classes of every module (this module builds after
 * them): shared modules hold no domain code, the services do not reach into each other, the plain modules stay free
 * of Spring, and the feature packages inside a service do not depend on each other
 * in a cycle.
 */
class ArchitectureTest {
  static final List<String> MODULES = List.of("event-contracts", "messaging", "dev-stack", "service-support",
      "partnership-service", "project-service", "funds-service", "reporting-service", "identity-service", "gateway");
  static final String[] SHARED = {"village.contracts..", "village.events..", "village.messaging..", "village.support..", "village.devstack.."};
  static final String[] SERVICES = {"village.partnership..", "village.project..", "village.funds..", "village.reporting..", "village.identity..", "village.gateway.."};
  static JavaClasses classes;

  @BeforeAll
  static void importEveryModule() {
    Path root = Path.of("").toAbsolutePath();
    while (!Files.isRegularFile(root.resolve("village"))) root = root.getParent();
    List<Path> dirs = new ArrayList<>();
    for (String m : MODULES) {
      Path dir = root.resolve(m).resolve("target/classes/village");
      assertThat(dir).as("compiled classes of " + m + " (build the modules before this test: mvn verify from the root)").isDirectory();
      dirs.add(dir.getParent());
    }
    classes = new ClassFileImporter().importPaths(dirs);
    assertThat(classes.size()).isGreaterThan(200);
  }

  @Test
  void sharedModulesHoldNoDomainCode() {
    noClasses().that().resideInAnyPackage(SHARED).should().dependOnClassesThat().resideInAnyPackage(SERVICES)
        .because("event-contracts, messaging, service-support and dev-stack are contracts and plumbing for every service")
        .check(classes);
  }

  @Test
  void servicesDoNotReachIntoEachOther() {
    for (String service : SERVICES) {
      List<String> others = new ArrayList<>(List.of(SERVICES));
      others.remove(service);
      noClasses().that().resideInAPackage(service).should().dependOnClassesThat().resideInAnyPackage(others.toArray(String[]::new))
          .because("services talk over HTTP and Kafka only, through event-contracts").check(classes);
    }
  }

  @Test
  void contractsAndMessagingStayPlainJava() {
    noClasses().that().resideInAnyPackage("village.contracts..", "village.events..", "village.messaging..")
        .should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
        .because("the event contracts and the messaging plumbing are used without Spring (tools, tests, the broker)")
        .check(classes);
  }

  @Test
  void featurePackagesAreFreeOfCycles() {
    for (String service : List.of("partnership", "project", "funds", "reporting", "identity", "gateway")) {
      slices().matching("village." + service + ".(*)..").should().beFreeOfCycles().check(classes);
    }
  }
}
