package parley.projections;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import parley.projections.dispatch.Projection;

@AnalyzeClasses(packages = "parley.projections", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Features (and the stream, the rebuild's generations, the dispatch) can each change without dragging the others along. */
    @ArchTest
    static final ArchRule slicesAreFreeOfCycles = slices().matching("parley.projections.(*)..").should().beFreeOfCycles();

    /** Only {@code stream} knows Kafka: a rebuild replays the event store through the same projection logic without it. */
    @ArchTest
    static final ArchRule onlyTheStreamKnowsKafka = noClasses()
            .that().resideOutsideOfPackage("parley.projections.stream..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "parley.projections.stream..", "org.springframework.kafka..", "org.apache.kafka..");

    /** Projections know events only as the topic carries them, never the command side's store or aggregates. */
    @ArchTest
    static final ArchRule projectionsDoNotReachIntoOtherServices = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("parley.command..", "parley.query..", "org.axonframework..");

    /** A projection is found by its type (component scan, the dispatch), never called directly across features. */
    @ArchTest
    static final ArchRule projectionsArePackagePrivate = classes()
            .that().implement(Projection.class)
            .should().notBePublic();
}
