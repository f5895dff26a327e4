package parley.ops;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import parley.command.CommandSideApplication;
import parley.projections.ProjectionsApplication;
import parley.query.QuerySideApplication;

/** The three services in one context on a random port, as {@code ./parley up} runs them. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = {CommandSideApplication.class, ProjectionsApplication.class, QuerySideApplication.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public @interface PlatformTest {
}
