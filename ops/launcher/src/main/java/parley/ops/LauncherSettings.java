package parley.ops;

import java.nio.file.Path;
import java.util.Map;

/**
 * What {@code ./parley up} starts, from environment variables. An external PostgreSQL or Kafka is
 * used when its standard Spring variable is set; otherwise an embedded one runs in the data
 * directory.
 *
 * @param dataDir {@code PARLEY_DATA_DIR}, default {@code ./data}: database, Kafka log and dev keys
 * @param postgresPort {@code PARLEY_POSTGRES_PORT} of the embedded PostgreSQL, default 54329
 * @param kafkaPort {@code PARLEY_KAFKA_PORT} of the embedded Kafka, default 19092
 * @param redisPort {@code PARLEY_REDIS_PORT} of the embedded Redis, default 16379
 * @param httpPort {@code SERVER_PORT} (or {@code PORT}), default 8080
 * @param externalDatabase {@code SPRING_DATASOURCE_URL} set
 * @param externalKafka {@code SPRING_KAFKA_BOOTSTRAP_SERVERS} set
 * @param externalRedis {@code PARLEY_REDIS_ADDRESS} set
 */
record LauncherSettings(Path dataDir, int postgresPort, int kafkaPort, int redisPort, int httpPort,
        boolean externalDatabase, boolean externalKafka, boolean externalRedis) {

    static LauncherSettings from(Map<String, String> env) {
        return new LauncherSettings(
                Path.of(env.getOrDefault("PARLEY_DATA_DIR", "data")).toAbsolutePath(),
                Integer.parseInt(env.getOrDefault("PARLEY_POSTGRES_PORT", "54329")),
                Integer.parseInt(env.getOrDefault("PARLEY_KAFKA_PORT", "19092")),
                Integer.parseInt(env.getOrDefault("PARLEY_REDIS_PORT", "16379")),
                Integer.parseInt(env.getOrDefault("SERVER_PORT", env.getOrDefault("PORT", "8080"))),
                isSet(env, "SPRING_DATASOURCE_URL"),
                isSet(env, "SPRING_KAFKA_BOOTSTRAP_SERVERS"),
                isSet(env, "PARLEY_REDIS_ADDRESS"));
    }

    private static boolean isSet(Map<String, String> env, String name) {
        String value = env.get(name);
        return value != null && !value.isBlank();
    }
}
