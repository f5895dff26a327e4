package parley.ops;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import parley.command.CommandSideApplication;
import parley.local.LocalKafka;
import parley.local.LocalPostgres;
import parley.local.LocalRedis;
import parley.projections.ProjectionsApplication;
import parley.query.QuerySideApplication;

/**
 * The whole platform in one process: the three services share one Spring context and one HTTP
 * port, on embedded PostgreSQL, Kafka and Redis unless external ones are configured.
 */
public final class Platform implements AutoCloseable {

    private final LocalPostgres postgres;
    private final LocalKafka kafka;
    private final LocalRedis redis;
    private final ConfigurableApplicationContext context;

    private Platform(LocalPostgres postgres, LocalKafka kafka, LocalRedis redis, ConfigurableApplicationContext context) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.redis = redis;
        this.context = context;
    }

    public static Platform start(LauncherSettings settings, String... args) {
        LocalPostgres postgres = null;
        LocalKafka kafka = null;
        LocalRedis redis = null;
        List<String> arguments = new ArrayList<>(List.of(args));
        try {
            if (!settings.externalDatabase()) {
                postgres = LocalPostgres.start(settings.dataDir().resolve("postgres"), settings.postgresPort());
                arguments.add("--spring.datasource.url=" + postgres.jdbcUrl());
                arguments.add("--spring.datasource.username=" + postgres.username());
            }
            if (!settings.externalKafka()) {
                kafka = new LocalKafka(settings.dataDir().resolve("kafka"), settings.kafkaPort()).start();
                arguments.add("--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers());
            }
            if (!settings.externalRedis()) {
                redis = LocalRedis.tryStart(settings.redisPort()).orElse(null);
                if (redis != null) {
                    arguments.add("--parley.redis.address=" + redis.address());
                }
            }
            arguments.add("--server.port=" + settings.httpPort());
            arguments.add("--parley.jwt.key-directory=" + settings.dataDir().resolve("keys"));
            SpringApplication application = new SpringApplication(
                    CommandSideApplication.class, ProjectionsApplication.class, QuerySideApplication.class);
            application.setRegisterShutdownHook(false);
            return new Platform(postgres, kafka, redis, application.run(arguments.toArray(String[]::new)));
        } catch (RuntimeException e) {
            closeQuietly(redis);
            closeQuietly(kafka);
            closeQuietly(postgres);
            throw e;
        }
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    /** Stops the services first (draining their work), then the infrastructure under them. */
    @Override
    public void close() {
        context.close();
        closeQuietly(redis);
        closeQuietly(kafka);
        closeQuietly(postgres);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            System.err.println("while stopping " + closeable.getClass().getSimpleName() + ": " + e);
        }
    }
}
