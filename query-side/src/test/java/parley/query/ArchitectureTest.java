package parley.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaCodeUnitAccess;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

@AnalyzeClasses(packages = "parley.query", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The JDBC types whose methods can run a statement, and those of their methods that write (or run anything). */
    private static final List<Class<?>> STATEMENT_RUNNERS =
            List.of(JdbcClient.StatementSpec.class, JdbcOperations.class, NamedParameterJdbcOperations.class, Statement.class);
    private static final Set<String> WRITING_METHODS =
            Set.of("update", "batchUpdate", "execute", "executeUpdate", "executeLargeUpdate", "executeBatch", "executeLargeBatch");
    private static final DescribedPredicate<JavaAccess<?>> A_WRITE = DescribedPredicate.describe(
            "a JDBC method that writes (" + String.join(", ", WRITING_METHODS.stream().sorted().toList()) + ")",
            access -> access instanceof JavaCodeUnitAccess<?> && WRITING_METHODS.contains(access.getName())
                    && STATEMENT_RUNNERS.stream().anyMatch(access.getTargetOwner()::isAssignableTo));

    /** Features (chat, device, group) and the read routing can each change without dragging the others along. */
    @ArchTest
    static final ArchRule slicesAreFreeOfCycles = slices().matching("parley.query.(*)..").should().beFreeOfCycles();

    /** The query side serves the read tables the projections write: it never sees the stream, the projections or the command side. */
    @ArchTest
    static final ArchRule queriesDoNotReachIntoOtherServices = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("parley.command..", "parley.projections..",
                    "org.springframework.kafka..", "org.apache.kafka..", "org.axonframework..");

    /** The query side never writes: only the projections change the read tables (and replicas refuse writes anyway). */
    @ArchTest
    static final ArchRule queriesOnlyRead = noClasses().should().accessTargetWhere(A_WRITE);

    /** Reads go through ReadDatabase's routed, read-only pools: no other package builds or holds a DataSource. */
    @ArchTest
    static final ArchRule onlyTheReadPackageOwnsConnections = noClasses()
            .that().resideOutsideOfPackage("parley.query.read..")
            .should().dependOnClassesThat().resideInAnyPackage("javax.sql..", "com.zaxxer.hikari..");

    /** Entry points are wired by Spring, never called across features. */
    @ArchTest
    static final ArchRule controllersArePackagePrivate = classes()
            .that().areAnnotatedWith(Controller.class).or().areAnnotatedWith(RestController.class)
            .should().notBePublic();
}
