package parley.command.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import parley.api.cloudevents.ChatEventTypes;
import parley.local.LocalKafka;
import parley.local.Patience;

/**
 * Issue 12, point 17: the chat-events topic, the stream the projections are built from, gets its
 * settings from the command side's configuration and not from the broker's defaults (whose seven
 * days' retention would drop the oldest events). Checked by describing the topic on a real broker,
 * with the shipped defaults of {@code parley-command.properties}.
 */
class ChatEventsTopicIntegrationTest {

    private static final String TOPIC = ChatEventTypes.TOPIC;

    @Test
    void theChatEventsTopicIsCreatedWithItsConfiguredSettings() throws Exception {
        try (LocalKafka kafka = LocalKafka.temporary().start()) {
            startPublisherConfiguration(kafka);

            assertShippedSettings(kafka);
        }
    }

    @Test
    void aTopicMadeEarlierWithTheBrokersDefaultsIsBroughtToTheConfiguredSettings() throws Exception {
        try (LocalKafka kafka = LocalKafka.temporary().start(); Admin admin = admin(kafka)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 6, (short) 1))).all().get(30, TimeUnit.SECONDS);
            awaitTopicKnownToTheBroker(admin);
            assertThat(config(admin).get(TopicConfig.RETENTION_MS_CONFIG).value())
                    .as("the broker's default retention, before").isEqualTo("604800000");

            startPublisherConfiguration(kafka);

            assertShippedSettings(kafka);
        }
    }

    private static void assertShippedSettings(LocalKafka kafka) throws Exception {
        try (Admin admin = admin(kafka)) {
            awaitTopicKnownToTheBroker(admin);
            assertThat(admin.describeTopics(List.of(TOPIC)).allTopicNames().get(30, TimeUnit.SECONDS).get(TOPIC).partitions())
                    .hasSize(6);
            Config config = config(admin);
            assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value()).as("every event kept").isEqualTo("-1");
            assertThat(config.get(TopicConfig.RETENTION_BYTES_CONFIG).value()).isEqualTo("-1");
            assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo(TopicConfig.CLEANUP_POLICY_DELETE);
            assertThat(config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value()).isEqualTo("1");
            assertThat(config.get(TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG).value()).isEqualTo("false");
        }
    }

    /** The publisher's topic configuration with Spring Boot's Kafka admin, as the command side starts it. */
    private static void startPublisherConfiguration(LocalKafka kafka) throws Exception {
        List<String> properties = new ArrayList<>();
        Properties shipped = PropertiesLoaderUtils.loadAllProperties("parley-command.properties");
        shipped.stringPropertyNames().stream()
                .filter(name -> name.startsWith("parley.publisher.") || name.startsWith("spring.kafka.admin."))
                .forEach(name -> properties.add(name + "=" + shipped.getProperty(name)));
        properties.add("spring.kafka.bootstrap-servers=" + kafka.bootstrapServers());
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class))
                .withUserConfiguration(TopicOnly.class)
                .withPropertyValues(properties.toArray(String[]::new))
                .run(context -> assertThat(context).hasNotFailed());
    }

    /**
     * The controller answers createTopics before the broker's metadata has the topic; describing its configs in
     * between fails with UnknownTopicOrPartition (seen on a loaded machine).
     */
    private static void awaitTopicKnownToTheBroker(Admin admin) throws Exception {
        long deadline = System.nanoTime() + Patience.scaled(Duration.ofSeconds(30)).toNanos();
        while (true) {
            try {
                config(admin);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    private static Config config(Admin admin) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
        return admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
    }

    private static Admin admin(LocalKafka kafka) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PublisherProperties.class)
    @Import(PublisherConfiguration.class)
    static class TopicOnly {
    }
}
