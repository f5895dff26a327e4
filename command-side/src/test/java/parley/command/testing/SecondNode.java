package parley.command.testing;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import parley.command.CommandSideApplication;

/** Another command-side node on the same database, Kafka, Redis (rate-limit keys too) and signing key as a test's own context. */
public final class SecondNode {

    private SecondNode() {
    }

    public static ConfigurableApplicationContext startLike(Environment first, String... moreArguments) {
        return startLike(first, new Class<?>[] {CommandSideApplication.class}, moreArguments);
    }

    /** A node running {@code applications} (e.g. all three services, as the launcher does) instead of the command side alone. */
    public static ConfigurableApplicationContext startLike(Environment first, Class<?>[] applications, String... moreArguments) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + first.getProperty("spring.datasource.url"),
                "--spring.datasource.username=" + first.getProperty("spring.datasource.username"),
                "--spring.datasource.password=" + first.getProperty("spring.datasource.password", ""),
                "--spring.kafka.bootstrap-servers=" + first.getProperty("spring.kafka.bootstrap-servers"),
                "--parley.jwt.key-directory=" + first.getProperty("parley.jwt.key-directory"),
                "--parley.redis.address=" + first.getProperty("parley.redis.address"),
                "--parley.ratelimit.key-prefix=" + first.getProperty("parley.ratelimit.key-prefix"),
                "--parley.e2ee.allow-unencrypted=" + first.getProperty("parley.e2ee.allow-unencrypted")));
        arguments.addAll(List.of(moreArguments));
        // Arguments, not builder properties: those rank below the module's own defaults.
        return new SpringApplicationBuilder(applications).run(arguments.toArray(String[]::new));
    }
}
