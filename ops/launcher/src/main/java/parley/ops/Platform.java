package parley.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * port, on embedded PostgreSQL, Kafka and Redis unless external ones are configured. With TLS the
 * port speaks HTTPS and WSS only: there is no plain HTTP connector, so a plain request fails instead
 * of carrying a password or token in clear text before any redirect could help.
 */
public final class Platform implements AutoCloseable {

    private final LocalPostgres postgres;
    private final LocalKafka kafka;
    private final LocalRedis redis;
    private final DevCertificate devCertificate;
    private final ConfigurableApplicationContext context;

    private Platform(LocalPostgres postgres, LocalKafka kafka, LocalRedis redis, DevCertificate devCertificate,
            ConfigurableApplicationContext context) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.redis = redis;
        this.devCertificate = devCertificate;
        this.context = context;
    }

    /** Starts the platform; {@code args} are Spring arguments, and the launcher's own flags are left out. */
    public static Platform start(LauncherSettings settings, String... args) {
        LocalPostgres postgres = null;
        LocalKafka kafka = null;
        LocalRedis redis = null;
        DevCertificate devCertificate = settings.tls() && !settings.externalKeyStore()
                ? DevCertificate.loadOrCreate(settings.dataDir().resolve("tls"))
                : null;
        List<String> arguments = new ArrayList<>(List.of(LauncherSettings.springArguments(args)));
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
            arguments.addAll(transportArguments(settings, devCertificate));
            arguments.add("--parley.jwt.key-directory=" + settings.dataDir().resolve("keys"));
            SpringApplication application = new SpringApplication(
                    CommandSideApplication.class, ProjectionsApplication.class, QuerySideApplication.class);
            application.setRegisterShutdownHook(false);
            return new Platform(postgres, kafka, redis, devCertificate, application.run(arguments.toArray(String[]::new)));
        } catch (RuntimeException e) {
            closeQuietly(redis);
            closeQuietly(kafka);
            closeQuietly(postgres);
            throw e;
        }
    }

    private static List<String> transportArguments(LauncherSettings settings, DevCertificate devCertificate) {
        if (!settings.tls()) {
            // A Secure cookie travels over HTTPS only (browsers excepting at most localhost): a plain run needs them unflagged.
            return List.of("--parley.auth.cookies.secure=false");
        }
        if (devCertificate == null) {
            return List.of(); // a configured key store: Spring Boot reads SERVER_SSL_* itself
        }
        List<String> arguments = new ArrayList<>(devCertificate.serverSslArguments());
        arguments.add("--server.ssl.enabled-protocols=TLSv1.3,TLSv1.2");
        // HSTS binds a host whatever the port: a year's pin from a throwaway localhost certificate would make
        // browsers upgrade every plain http://localhost server, ./parley up without --tls too, for a year.
        arguments.add("--parley.edge.headers.hsts-max-age=5m");
        return arguments;
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    /** The self-signed certificate served with {@code --tls}, unless a key store is configured. */
    Optional<DevCertificate> devCertificate() {
        return Optional.ofNullable(devCertificate);
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
