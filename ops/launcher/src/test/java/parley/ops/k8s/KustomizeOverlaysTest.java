package parley.ops.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Lifecycle;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import parley.api.cloudevents.ChatEventTypes;

/**
 * Every directory of {@code ops/k8s} that can be applied, rendered by {@code kubectl kustomize} and read
 * with fabric8's typed model, against the invariants a deployment of Parley must keep: probes on every
 * container, a termination grace longer than the command side's drain, TLS on every Ingress, no secret
 * in git, every database connection through a PgBouncer Pooler, a PodDisruptionBudget and an autoscaler
 * per Deployment, and the engines declared as their operators' resources with the topic the code uses.
 * Numbers the code owns (drain time, topic partitions and retention) are read from the services'
 * properties, not repeated here.
 */
class KustomizeOverlaysTest {

    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|PASSWD|SECRET|TOKEN|PRIVATE|CREDENTIAL|(^|_)KEY($|_)|API_?KEY).*");
    private static final String CNPG = "postgresql.cnpg.io";
    private static final String STRIMZI = "kafka.strimzi.io";
    private static final String REDIS = "redis.redis.opstreelabs.in";
    private static final String REDIS_AUTH_SECRET = "parley-redis-auth";
    /** The name the CDN reaches either region by (ops/edge-network/). */
    static final String GLOBAL_ORIGIN = "origin.parley.example.com";
    private static final Properties COMMAND_SIDE = properties("parley-command.properties");

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/region-a", "overlays/region-b", "overlays/blue", "overlays/green"})
    void everyContainerHasStartupLivenessAndReadinessProbesOnTheHealthGroups(String directory) {
        for (Deployment deployment : deployments(directory)) {
            for (Container container : pod(deployment).getContainers()) {
                String where = directory + ": " + name(deployment) + "/" + container.getName();
                assertThat(container.getPorts()).as(where + " ports").anyMatch(p -> "http".equals(p.getName()));
                assertHealthProbe(where + " startup", container.getStartupProbe(), "/actuator/health/liveness");
                assertHealthProbe(where + " liveness", container.getLivenessProbe(), "/actuator/health/liveness");
                assertHealthProbe(where + " readiness", container.getReadinessProbe(), "/actuator/health/readiness");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/region-a", "overlays/region-b", "overlays/blue", "overlays/green"})
    void theTerminationGraceOutlastsThePreStopPauseAndTheDrain(String directory) {
        for (Deployment deployment : deployments(directory)) {
            PodSpec pod = pod(deployment);
            for (Container container : pod.getContainers()) {
                Duration drain = drainOf(container);
                long preStop = preStopSeconds(container.getLifecycle());
                assertThat(preStop).as(directory + ": " + name(deployment) + " has a preStop pause").isPositive();
                assertThat(pod.getTerminationGracePeriodSeconds())
                        .as(directory + ": " + name(deployment) + " terminationGracePeriodSeconds > preStop %d s + drain %s",
                                preStop, drain)
                        .isGreaterThan(preStop + drain.toSeconds());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/region-a", "overlays/region-b", "overlays/blue", "overlays/green"})
    void everyPodRunsAsNonRootOnAReadOnlyRootWithResourcesAndSpreadOverZones(String directory) {
        for (Deployment deployment : deployments(directory)) {
            PodSpec pod = pod(deployment);
            String where = directory + ": " + name(deployment);
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(where + " runAsNonRoot").isTrue();
            assertThat(pod.getAutomountServiceAccountToken()).as(where + " no API token").isFalse();
            assertThat(pod.getTopologySpreadConstraints()).as(where + " spread")
                    .anyMatch(c -> "topology.kubernetes.io/zone".equals(c.getTopologyKey()));
            assertThat(pod.getAffinity().getPodAntiAffinity()).as(where + " anti-affinity").isNotNull();
            for (Container container : pod.getContainers()) {
                assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(where + " read-only root").isTrue();
                assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(where + " escalation").isFalse();
                assertThat(container.getResources().getRequests()).as(where + " requests").containsKeys("cpu", "memory");
                assertThat(container.getResources().getLimits()).as(where + " limits").containsKey("memory");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/region-a", "overlays/region-b", "overlays/blue", "overlays/green"})
    void everyDeploymentHasADisruptionBudgetAndAnAutoscalerOfItsOwn(String directory) {
        RenderedManifests rendered = RenderedManifests.of(directory);
        for (Deployment deployment : deployments(directory)) {
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(rendered.all(PodDisruptionBudget.class)).as(directory + ": PDB of " + name(deployment))
                    .filteredOn(pdb -> podLabels.entrySet().containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet()))
                    .singleElement()
                    .satisfies(pdb -> assertThat(pdb.getSpec().getMaxUnavailable() != null || pdb.getSpec().getMinAvailable() != null)
                            .as("a PDB limits disruptions").isTrue());
            assertThat(rendered.all(HorizontalPodAutoscaler.class)).as(directory + ": HPA of " + name(deployment))
                    .filteredOn(hpa -> "Deployment".equals(hpa.getSpec().getScaleTargetRef().getKind())
                            && name(deployment).equals(hpa.getSpec().getScaleTargetRef().getName()))
                    .singleElement()
                    .satisfies(hpa -> assertThat(hpa.getSpec().getMinReplicas()).as("minReplicas").isGreaterThanOrEqualTo(2));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/region-a", "overlays/region-b"})
    void everyIngressTerminatesTlsForEachOfItsHostsAndRedirectsPlainHttp(String directory) {
        List<Ingress> ingresses = RenderedManifests.of(directory).all(Ingress.class);
        assertThat(ingresses).as(directory + " ingresses").isNotEmpty();
        for (Ingress ingress : ingresses) {
            String where = directory + ": " + name(ingress);
            Set<String> tlsHosts = ingress.getSpec().getTls().stream()
                    .filter(tls -> tls.getSecretName() != null && !tls.getSecretName().isBlank())
                    .map(IngressTLS::getHosts).flatMap(List::stream).collect(Collectors.toSet());
            assertThat(ingress.getSpec().getRules()).as(where + " rules").isNotEmpty()
                    .allSatisfy(rule -> assertThat(tlsHosts).as(where + " TLS hosts").contains(rule.getHost()));
            assertThat(ingress.getMetadata().getAnnotations()).as(where)
                    .containsEntry("nginx.ingress.kubernetes.io/force-ssl-redirect", "true");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/region-a", "overlays/region-b", "overlays/blue", "overlays/green"})
    void noSecretIsInGitAndNoSecretLooksLikeALiteral(String directory) {
        RenderedManifests rendered = RenderedManifests.of(directory);
        assertThat(rendered.all(Secret.class)).as(directory + ": Secrets are made out of band, never rendered from git")
                .allSatisfy(secret -> {
                    assertThat(secret.getData()).as(name(secret)).isNullOrEmpty();
                    assertThat(secret.getStringData()).as(name(secret)).isNullOrEmpty();
                });
        for (Deployment deployment : deployments(directory)) {
            for (Container container : pod(deployment).getContainers()) {
                for (EnvVar env : container.getEnv()) {
                    String where = directory + ": " + name(deployment) + " env " + env.getName();
                    if (SECRET_NAME.matcher(env.getName()).matches()) {
                        assertThat(env.getValue()).as(where + " must come from a secretKeyRef").isNull();
                        assertThat(env.getValueFrom().getSecretKeyRef()).as(where + " secretKeyRef").isNotNull();
                    }
                    assertThat(Optional.ofNullable(env.getValue()).orElse("")).as(where).doesNotContainIgnoringCase("password=");
                }
                for (EnvFromSource from : container.getEnvFrom()) {
                    assertThat(from.getSecretRef()).as(directory + ": envFrom of a whole Secret hides what it sets").isNull();
                }
            }
        }
        rendered.all(io.fabric8.kubernetes.api.model.ConfigMap.class).forEach(config -> config.getData().forEach((key, value) -> {
            assertThat(SECRET_NAME.matcher(key).matches()).as(directory + ": ConfigMap " + name(config) + " key " + key).isFalse();
            assertThat(value).as(directory + ": ConfigMap " + name(config) + " " + key).doesNotContainIgnoringCase("password=");
        }));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/region-a", "overlays/region-b", "overlays/blue", "overlays/green"})
    void everyDatabaseConnectionGoesThroughAPgBouncerPooler(String directory) {
        Map<String, String> poolerTypes = engines(directory).custom(CNPG, "Pooler").stream()
                .peek(pooler -> assertThat((String) pooler.get("spec", "pgbouncer", "poolMode")).as(name(pooler)).isEqualTo("transaction"))
                .collect(Collectors.toMap(KustomizeOverlaysTest::name, pooler -> (String) pooler.get("spec", "type")));
        assertThat(poolerTypes).as(directory + " poolers").containsValues("rw", "ro");

        for (Deployment deployment : deployments(directory)) {
            Map<String, String> jdbc = new java.util.TreeMap<>();
            for (Container container : pod(deployment).getContainers()) {
                for (EnvVar env : container.getEnv()) {
                    resolve(directory, env).filter(v -> v.startsWith("jdbc:")).ifPresent(url -> jdbc.put(env.getName(), url));
                }
            }
            String where = directory + ": " + name(deployment);
            assertThat(jdbc).as(where + " sets its JDBC URLs").containsKey("SPRING_DATASOURCE_URL");
            jdbc.forEach((variable, url) -> {
                String host = URI.create(url.substring("jdbc:".length())).getHost();
                assertThat(poolerTypes).as(where + " " + variable + " = " + url + " names a Pooler's Service").containsKey(host);
                assertThat(url).as(where + " " + variable + ": PgBouncer in transaction mode cannot keep named statements")
                        .contains("prepareThreshold=0");
                String expectedType = variable.startsWith("PARLEY_QUERY_REPLICAS_") ? "ro" : "rw";
                assertThat(poolerTypes.get(host)).as(where + " " + variable + " pooler type").isEqualTo(expectedType);
            });
        }
        // and no ConfigMap hands a service a direct connection either
        engines(directory).all(io.fabric8.kubernetes.api.model.ConfigMap.class).forEach(config -> config.getData().values().stream()
                .filter(v -> v.startsWith("jdbc:"))
                .forEach(url -> assertThat(poolerTypes).as(name(config) + ": " + url)
                        .containsKey(URI.create(url.substring("jdbc:".length())).getHost())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/region-a", "overlays/region-b"})
    void kafkaIsAStrimziKraftClusterOfThreeWithTheChatEventsTopicTheCodeUses(String directory) {
        RenderedManifests rendered = RenderedManifests.of(directory);
        GenericKubernetesResource kafka = only(rendered.custom(STRIMZI, "Kafka"));
        assertThat(kafka.getMetadata().getAnnotations()).as("Strimzi's node-pool and KRaft switches")
                .containsEntry("strimzi.io/node-pools", "enabled").containsEntry("strimzi.io/kraft", "enabled");
        assertThat((Object) kafka.get("spec", "zookeeper")).as("no ZooKeeper").isNull();

        GenericKubernetesResource pool = only(rendered.custom(STRIMZI, "KafkaNodePool"));
        assertThat(pool.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", name(kafka));
        assertThat(((Number) pool.get("spec", "replicas")).intValue()).as("brokers").isEqualTo(3);
        assertThat((List<String>) pool.get("spec", "roles")).containsExactlyInAnyOrder("controller", "broker");

        GenericKubernetesResource topic = rendered.custom(STRIMZI, "KafkaTopic").stream()
                .filter(t -> ChatEventTypes.TOPIC.equals(t.get("spec", "topicName"))).findFirst()
                .orElseThrow(() -> new AssertionError(directory + ": no KafkaTopic for " + ChatEventTypes.TOPIC));
        assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", name(kafka));
        int partitions = Integer.parseInt(COMMAND_SIDE.getProperty("parley.publisher.partitions"));
        assertThat(((Number) topic.get("spec", "partitions")).intValue()).as("partitions = parley.publisher.partitions")
                .isEqualTo(partitions);
        assertThat(String.valueOf((Object) topic.get("spec", "config", "retention.ms"))).as("retention = parley.publisher.retention-ms")
                .isEqualTo(COMMAND_SIDE.getProperty("parley.publisher.retention-ms"));
        int replicas = ((Number) topic.get("spec", "replicas")).intValue();
        assertThat(replicas).as("replicas").isEqualTo(3);

        // The publisher checks (and would alter) the topic at start: its settings must agree with the operator's.
        Deployment commandSide = deployments(directory).stream()
                .filter(d -> "command-side".equals(d.getMetadata().getLabels().get("app.kubernetes.io/component"))).findFirst().orElseThrow();
        Map<String, String> env = literalEnv(commandSide);
        assertThat(env).containsEntry("PARLEY_PUBLISHER_PARTITIONS", String.valueOf(partitions))
                .containsEntry("PARLEY_PUBLISHER_REPLICATION_FACTOR", String.valueOf(replicas))
                .containsEntry("PARLEY_PUBLISHER_MIN_INSYNC_REPLICAS", String.valueOf((Object) topic.get("spec", "config", "min.insync.replicas")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/region-a", "overlays/region-b"})
    void postgresIsACloudNativePgClusterOfThreeBehindPoolersAndRedisIsTheOperatorsReplicationWithSentinels(String directory) {
        RenderedManifests rendered = RenderedManifests.of(directory);
        GenericKubernetesResource cluster = only(rendered.custom(CNPG, "Cluster"));
        assertThat(((Number) cluster.get("spec", "instances")).intValue()).as("a primary and two streaming replicas").isEqualTo(3);
        assertThat(rendered.custom(CNPG, "Pooler")).as("poolers of the cluster")
                .allSatisfy(p -> assertThat((String) p.get("spec", "cluster", "name")).isEqualTo(name(cluster)));

        GenericKubernetesResource replication = only(rendered.custom(REDIS, "RedisReplication"));
        GenericKubernetesResource sentinel = only(rendered.custom(REDIS, "RedisSentinel"));
        assertThat((String) sentinel.get("spec", "redisSentinelConfig", "redisReplicationName")).isEqualTo(name(replication));
        assertThat(rendered.configMap("parley-platform").orElseThrow().getData().get("PARLEY_REDIS_ADDRESS"))
                .as("the services reach the current master").isEqualTo("redis://" + name(replication) + "-master:6379");
        Map<String, Object> auth = Map.of("name", REDIS_AUTH_SECRET, "key", "password");
        assertThat((Object) replication.get("spec", "kubernetesConfig", "redisSecret")).as("Redis requires AUTH").isEqualTo(auth);
        assertThat((Object) sentinel.get("spec", "kubernetesConfig", "redisSecret")).as("the sentinels require AUTH").isEqualTo(auth);
        assertThat((Object) sentinel.get("spec", "redisSentinelConfig", "redisReplicationPassword", "secretKeyRef"))
                .as("the sentinels authenticate to the master").isEqualTo(auth);
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/region-a", "overlays/region-b", "overlays/blue", "overlays/green"})
    void everyServiceThatUsesRedisSendsThePasswordRedisRequires(String directory) {
        List<Deployment> redisUsers = deployments(directory).stream()
                .filter(d -> !name(d).contains("projections")).toList();
        assertThat(redisUsers).as(directory + ": command and query sides").isNotEmpty();
        for (Deployment deployment : redisUsers) {
            for (Container container : pod(deployment).getContainers()) {
                assertThat(container.getEnv()).as(directory + ": " + name(deployment) + " PARLEY_REDIS_PASSWORD")
                        .filteredOn(env -> "PARLEY_REDIS_PASSWORD".equals(env.getName())).singleElement()
                        .satisfies(env -> {
                            assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo(REDIS_AUTH_SECRET);
                            assertThat(env.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
                        });
            }
        }
    }

    @Test
    void regionBIsAReplicaClusterOfRegionAUnderItsOwnHost() {
        GenericKubernetesResource clusterB = only(RenderedManifests.of("overlays/region-b").custom(CNPG, "Cluster"));
        GenericKubernetesResource clusterA = only(RenderedManifests.of("overlays/region-a").custom(CNPG, "Cluster"));

        assertThat((Object) clusterA.get("spec", "replica")).as("region A is the primary cluster").isNull();
        assertThat((Boolean) clusterB.get("spec", "replica", "enabled")).isTrue();
        String source = clusterB.get("spec", "replica", "source");
        assertThat((String) clusterB.get("spec", "bootstrap", "pg_basebackup", "source")).isEqualTo(source);
        assertThat((Object) clusterB.get("spec", "bootstrap", "initdb")).as("a replica is not initialised empty").isNull();
        assertThat((List<Map<String, Object>>) clusterB.get("spec", "externalClusters")).extracting(c -> c.get("name")).contains(source);

        // Each region answers to its own name and to the global load balancer's origin name, never to the placeholder.
        assertThat(hosts("overlays/region-a")).containsOnly(GLOBAL_ORIGIN, "parley-a.example.com");
        assertThat(hosts("overlays/region-b")).containsOnly(GLOBAL_ORIGIN, "parley-b.example.com");
        // Until promotion B takes no writes: no command side or projections running there.
        assertThat(deployments("overlays/region-b")).filteredOn(d -> !"query-side".equals(d.getMetadata().getLabels().get("app.kubernetes.io/component")))
                .isNotEmpty().allSatisfy(d -> assertThat(d.getSpec().getReplicas()).as(name(d)).isZero());
    }

    @Test
    void eachColourIsASetOfItsOwnAndEachRegionsLiveServicesSelectOneColourItRuns() {
        for (String colour : List.of("blue", "green")) {
            RenderedManifests rendered = RenderedManifests.of("overlays/" + colour);
            assertThat(rendered.objects()).as(colour).isNotEmpty().allSatisfy(o -> {
                assertThat(name(o)).endsWith("-" + colour);
                assertThat(o.getMetadata().getLabels()).containsEntry("parley.dev/colour", colour);
            });
            assertThat(deployments("overlays/" + colour)).hasSize(3).allSatisfy(d -> {
                assertThat(d.getSpec().getSelector().getMatchLabels()).containsEntry("parley.dev/colour", colour);
                assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("parley.dev/colour", colour);
            });
        }
        for (String region : List.of("overlays/region-a", "overlays/region-b")) {
            RenderedManifests rendered = RenderedManifests.of(region);
            for (String live : List.of("parley-command-side", "parley-query-side")) {
                Service service = rendered.all(Service.class).stream().filter(s -> live.equals(name(s))).findFirst().orElseThrow();
                Map<String, String> selector = service.getSpec().getSelector();
                assertThat(selector).as(region + " " + live).containsKeys("parley.dev/colour", "app.kubernetes.io/name");
                assertThat(deployments(region)).as(region + ": pods for the live " + live)
                        .anyMatch(d -> d.getSpec().getTemplate().getMetadata().getLabels().entrySet().containsAll(selector.entrySet()));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/region-a", "overlays/region-b"})
    void everyPodAdmitsOnlyTheIngressParleyAndPrometheusAndTheProjectionsOnlyPrometheus(String directory) {
        List<NetworkPolicy> policies = RenderedManifests.of(directory).all(NetworkPolicy.class);
        for (Deployment deployment : deployments(directory)) {
            Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            List<NetworkPolicyPeer> peers = policies.stream().filter(policy -> selects(policy, labels))
                    .flatMap(policy -> policy.getSpec().getIngress().stream()).flatMap(rule -> rule.getFrom().stream()).toList();
            String where = directory + ": who may connect to " + name(deployment);
            assertThat(peers).as(where).isNotEmpty().anyMatch(KustomizeOverlaysTest::isPrometheus)
                    .allMatch(peer -> isPrometheus(peer) || isIngressController(peer) || isThisNamespace(peer));
            if (name(deployment).contains("projections")) {
                assertThat(peers).as(where + " (metrics with no edge filter)").allMatch(KustomizeOverlaysTest::isPrometheus);
            }
        }
    }

    private static boolean selects(NetworkPolicy policy, Map<String, String> podLabels) {
        LabelSelector selector = policy.getSpec().getPodSelector();
        boolean byLabels = selector.getMatchLabels() == null || podLabels.entrySet().containsAll(selector.getMatchLabels().entrySet());
        boolean byExpressions = selector.getMatchExpressions() == null || selector.getMatchExpressions().stream()
                .allMatch(e -> "In".equals(e.getOperator()) && e.getValues().contains(podLabels.get(e.getKey())));
        return policy.getSpec().getPolicyTypes().contains("Ingress") && byLabels && byExpressions;
    }

    private static boolean isPrometheus(NetworkPolicyPeer peer) {
        return peerIs(peer, "monitoring", "prometheus");
    }

    private static boolean isIngressController(NetworkPolicyPeer peer) {
        return peerIs(peer, "ingress-nginx", "ingress-nginx");
    }

    private static boolean isThisNamespace(NetworkPolicyPeer peer) {
        return peer.getNamespaceSelector() == null && peer.getIpBlock() == null && peer.getPodSelector() != null;
    }

    private static boolean peerIs(NetworkPolicyPeer peer, String namespace, String app) {
        return peer.getNamespaceSelector() != null && peer.getPodSelector() != null
                && Map.of("kubernetes.io/metadata.name", namespace).equals(peer.getNamespaceSelector().getMatchLabels())
                && Map.of("app.kubernetes.io/name", app).equals(peer.getPodSelector().getMatchLabels());
    }

    private static void assertHealthProbe(String where, Probe probe, String path) {
        assertThat(probe).as(where).isNotNull();
        assertThat(probe.getHttpGet()).as(where + " httpGet").isNotNull();
        assertThat(probe.getHttpGet().getPath()).as(where + " path").isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).as(where + " port").isEqualTo("http");
    }

    /** The drain a node may take: its own PARLEY_SHUTDOWN_GRACE_PERIOD, or the command side's default. */
    private static Duration drainOf(Container container) {
        String value = container.getEnv().stream().filter(e -> "PARLEY_SHUTDOWN_GRACE_PERIOD".equals(e.getName()))
                .map(EnvVar::getValue).findFirst()
                .orElse(COMMAND_SIDE.getProperty("parley.shutdown.grace-period"));
        return DurationStyle.detectAndParse(value);
    }

    private static long preStopSeconds(Lifecycle lifecycle) {
        if (lifecycle == null || lifecycle.getPreStop() == null || lifecycle.getPreStop().getSleep() == null) {
            return 0;
        }
        return lifecycle.getPreStop().getSleep().getSeconds();
    }

    /** An env var's value: literal, or from a ConfigMap of this render or of the engines it is applied beside. */
    private static Optional<String> resolve(String directory, EnvVar env) {
        if (env.getValue() != null) {
            return Optional.of(env.getValue());
        }
        if (env.getValueFrom() == null || env.getValueFrom().getConfigMapKeyRef() == null) {
            return Optional.empty();
        }
        var ref = env.getValueFrom().getConfigMapKeyRef();
        return engines(directory).configMap(ref.getName()).map(c -> c.getData().get(ref.getKey()))
                .or(() -> {
                    throw new AssertionError(directory + ": " + env.getName() + " names ConfigMap " + ref.getName()
                            + " key " + ref.getKey() + ", which nothing renders");
                });
    }

    /** A colour overlay is applied into a region: its engines and ConfigMaps are the base's. */
    private static RenderedManifests engines(String directory) {
        RenderedManifests own = RenderedManifests.of(directory);
        return own.custom(CNPG, "Pooler").isEmpty() ? RenderedManifests.of("base") : own;
    }

    private static Map<String, String> literalEnv(Deployment deployment) {
        Map<String, String> env = new java.util.HashMap<>();
        pod(deployment).getContainers().forEach(c -> c.getEnv().stream().filter(e -> e.getValue() != null)
                .forEach(e -> env.put(e.getName(), e.getValue())));
        return env;
    }

    static List<String> hosts(String directory) {
        List<String> hosts = new ArrayList<>();
        RenderedManifests.of(directory).all(Ingress.class).forEach(i -> i.getSpec().getRules().forEach(r -> hosts.add(r.getHost())));
        return hosts;
    }

    private static List<Deployment> deployments(String directory) {
        List<Deployment> deployments = RenderedManifests.of(directory).all(Deployment.class);
        assertThat(deployments).as(directory + " deployments").isNotEmpty();
        return deployments;
    }

    private static PodSpec pod(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec();
    }

    private static GenericKubernetesResource only(List<GenericKubernetesResource> resources) {
        assertThat(resources).hasSize(1);
        return resources.get(0);
    }

    private static String name(HasMetadata object) {
        return object.getMetadata().getName();
    }

    private static Properties properties(String resource) {
        try {
            return PropertiesLoaderUtils.loadProperties(new ClassPathResource(resource));
        } catch (IOException e) {
            throw new IllegalStateException("the service's defaults " + resource + " are not on the class path", e);
        }
    }
}
