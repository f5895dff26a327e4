package parley.command;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;
import parley.command.stomp.StompMapping;
import parley.command.stomp.StompRequest;

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

    /** Each STOMP controller lives in its feature's package; {@code stomp} is the transport's plumbing. */
    @ArchTest
    static final ArchRule controllersLiveInTheirFeature = noClasses()
            .that().areMetaAnnotatedWith(Controller.class)
            .should().resideInAPackage("..command.stomp..");

    /** The transport knows nothing of chats: the features plug into it, not the other way round. */
    @ArchTest
    static final ArchRule stompDoesNotDependOnFeatures = noClasses()
            .that().resideInAPackage("..command.stomp..")
            .should().dependOnClassesThat().resideInAnyPackage("..command.chat..", "..command.presence..", "..command.session..");

    /** A STOMP handler names its rate class: a bare {@code @MessageMapping} would run unlimited. */
    @ArchTest
    static final ArchRule stompHandlersAreStompMappings = methods()
            .that().areDeclaredInClassesThat().areMetaAnnotatedWith(Controller.class)
            .and().areMetaAnnotatedWith(MessageMapping.class)
            .should().beAnnotatedWith(StompMapping.class);

    /**
     * A command is admitted (rate limit, overload) while its one {@link StompRequest} is resolved: none
     * would skip admission, two would count the command twice.
     */
    @ArchTest
    static final ArchRule stompMappingsTakeExactlyOneRequest = methods()
            .that().areAnnotatedWith(StompMapping.class)
            .should(new ArchCondition<JavaMethod>("take exactly one StompRequest") {
                @Override
                public void check(JavaMethod method, ConditionEvents events) {
                    long requests = method.getRawParameterTypes().stream()
                            .filter(type -> type.isAssignableTo(StompRequest.class)).count();
                    if (requests != 1) {
                        events.add(SimpleConditionEvent.violated(method,
                                method.getFullName() + " takes " + requests + " StompRequest parameters"));
                    }
                }
            });
}
