package parley.ops;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * What {@code ./parley up} starts, from environment variables and its own flag {@code --tls}. An
 * external PostgreSQL or Kafka is used when its standard Spring variable is set; otherwise an
 * embedded one runs in the data directory.
 *
 * @param dataDir {@code PARLEY_DATA_DIR}, default {@code ./data}: database, Kafka log, dev keys and dev certificate
 * @param postgresPort {@code PARLEY_POSTGRES_PORT} of the embedded PostgreSQL, default 54329
 * @param kafkaPort {@code PARLEY_KAFKA_PORT} of the embedded Kafka, default 19092
 * @param redisPort {@code PARLEY_REDIS_PORT} of the embedded Redis, default 16379
 * @param httpPort {@code SERVER_PORT} (or {@code PORT}), default 8080, or 8443 with TLS
 * @param externalDatabase {@code SPRING_DATASOURCE_URL} set
 * @param externalKafka {@code SPRING_KAFKA_BOOTSTRAP_SERVERS} set
 * @param externalRedis {@code PARLEY_REDIS_ADDRESS} set
 * @param tls serve HTTPS and WSS only: {@code --tls}, {@code PARLEY_TLS=true} or a configured key store
 * @param externalKeyStore {@code SERVER_SSL_KEY_STORE} or {@code SERVER_SSL_BUNDLE} set, so the
 *     launcher makes no self-signed certificate and Spring Boot reads the rest of {@code SERVER_SSL_*} itself
 */
record LauncherSettings(Path dataDir, int postgresPort, int kafkaPort, int redisPort, int httpPort,
        boolean externalDatabase, boolean externalKafka, boolean externalRedis, boolean tls, boolean externalKeyStore) {

    /** The launcher's own flag; it is not passed on to Spring. */
    static final String TLS_FLAG = "--tls";

    /** Plain HTTP, as before TLS existed. */
    LauncherSettings(Path dataDir, int postgresPort, int kafkaPort, int redisPort, int httpPort,
            boolean externalDatabase, boolean externalKafka, boolean externalRedis) {
        this(dataDir, postgresPort, kafkaPort, redisPort, httpPort, externalDatabase, externalKafka, externalRedis, false, false);
    }

    static LauncherSettings from(Map<String, String> env, String... args) {
        boolean externalKeyStore = isSet(env, "SERVER_SSL_KEY_STORE") || isSet(env, "SERVER_SSL_BUNDLE");
        boolean tls = Arrays.asList(args).contains(TLS_FLAG) || "true".equalsIgnoreCase(env.get("PARLEY_TLS")) || externalKeyStore;
        return new LauncherSettings(
                Path.of(env.getOrDefault("PARLEY_DATA_DIR", "data")).toAbsolutePath(),
                Integer.parseInt(env.getOrDefault("PARLEY_POSTGRES_PORT", "54329")),
                Integer.parseInt(env.getOrDefault("PARLEY_KAFKA_PORT", "19092")),
                Integer.parseInt(env.getOrDefault("PARLEY_REDIS_PORT", "16379")),
                Integer.parseInt(env.getOrDefault("SERVER_PORT", env.getOrDefault("PORT", tls ? "8443" : "8080"))),
                isSet(env, "SPRING_DATASOURCE_URL"),
                isSet(env, "SPRING_KAFKA_BOOTSTRAP_SERVERS"),
                isSet(env, "PARLEY_REDIS_ADDRESS"),
                tls,
                externalKeyStore);
    }

    /** The arguments meant for Spring: all but the launcher's own flags. */
    static String[] springArguments(String... args) {
        return Arrays.stream(args).filter(arg -> !arg.equals(TLS_FLAG)).toArray(String[]::new);
    }

    String baseUrl() {
        return (tls ? "https" : "http") + "://localhost:" + httpPort;
    }

    String webSocketUrl() {
        return (tls ? "wss" : "ws") + "://localhost:" + httpPort + "/ws";
    }

    private static boolean isSet(Map<String, String> env, String name) {
        String value = env.get(name);
        return value != null && !value.isBlank();
    }
}
