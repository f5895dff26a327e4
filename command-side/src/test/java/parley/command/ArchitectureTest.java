package parley.command;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

@AnalyzeClasses(packages = "parley.command", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Aggregates decide; they know nothing of the transports that carry commands and events. */
    @ArchTest
    static final ArchRule aggregatesDoNotDependOnTransports = noClasses()
            .that().areAnnotatedWith(Aggregate.class)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "..stomp..", "..publish..", "..push..", "org.springframework.messaging..", "org.springframework.kafka..",
                    "org.springframework.web..", "org.springframework.jdbc..");

    /** Entry points are wired by Spring, never called across features. */
    @ArchTest
    static final ArchRule controllersArePackagePrivate = classes()
            .that().areAnnotatedWith(Controller.class).or().areAnnotatedWith(RestController.class)
            .should().notBePublic();

    /** Features do not reach into each other's transports. */
    @ArchTest
    static final ArchRule publishingAndPushAreIndependent = noClasses()
            .that().resideInAPackage("..publish..")
            .should().dependOnClassesThat().resideInAnyPackage("..push..", "..stomp..");

    /**
     * Devices, envelopes, accounts and tokens are beneath chats: a chat checks them, never the other
     * way round. What they refuse with lives in the neutral {@code rejection} package.
     */
    @ArchTest
    static final ArchRule lowerFeaturesDoNotDependOnChat = noClasses()
            .that().resideInAnyPackage("..command.device..", "..command.e2ee..", "..command.user..", "..command.auth..")
            .should().dependOnClassesThat().resideInAPackage("..command.chat..");
}
