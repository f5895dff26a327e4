package parley.ops.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What {@code kubectl kustomize} renders for one directory of {@code ops/k8s}, read with fabric8's
 * typed model: built-in kinds as their classes (Deployment, Ingress, Secret, ...), the operators'
 * resources (Strimzi, CloudNativePG, redis-operator) as {@link GenericKubernetesResource}. Each
 * directory is rendered once per test JVM.
 */
public record RenderedManifests(String directory, List<HasMetadata> objects) {

    /** {@code ops/k8s}, from the launcher module's directory (where Maven runs its tests). */
    public static final Path K8S = Path.of("..", "k8s");

    private static final Map<String, RenderedManifests> RENDERED = new ConcurrentHashMap<>();
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /** Renders {@code ops/k8s/<directory>} (e.g. {@code overlays/region-a}). */
    public static RenderedManifests of(String directory) {
        return RENDERED.computeIfAbsent(directory, RenderedManifests::render);
    }

    /** Parses rendered YAML (several documents) into typed objects. */
    public static RenderedManifests parse(String directory, String yaml) {
        Object parsed = SERIALIZATION.unmarshal(yaml);
        List<HasMetadata> objects = new ArrayList<>();
        if (parsed instanceof Collection<?> documents) {
            documents.stream().filter(HasMetadata.class::isInstance).map(HasMetadata.class::cast).forEach(objects::add);
        } else if (parsed instanceof HasMetadata single) {
            objects.add(single);
        }
        return new RenderedManifests(directory, List.copyOf(objects));
    }

    public <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The operators' resources of one kind ({@code Kafka}, {@code Cluster}, ...) in one API group. */
    public List<GenericKubernetesResource> custom(String apiGroup, String kind) {
        return all(GenericKubernetesResource.class).stream()
                .filter(r -> r.getApiVersion().startsWith(apiGroup + "/") && kind.equals(r.getKind()))
                .toList();
    }

    public Optional<ConfigMap> configMap(String name) {
        return all(ConfigMap.class).stream().filter(c -> name.equals(c.getMetadata().getName())).findFirst();
    }

    private static RenderedManifests render(String directory) {
        Path dir = K8S.resolve(directory);
        assertThat(dir.resolve("kustomization.yaml")).as("kustomization of " + directory).isRegularFile();
        String kubectl = kubectl().orElseGet(() -> fail(
                "kubectl is needed to render ops/k8s (kubectl kustomize): not at /usr/bin/kubectl nor on PATH;"
                        + " install it (https://kubernetes.io/docs/tasks/tools/) or put it on PATH"));
        try {
            Path output = Files.createTempFile("kustomize-", ".yaml");
            Path errors = Files.createTempFile("kustomize-", ".err");
            try {
                Process process = new ProcessBuilder(kubectl, "kustomize", dir.toString())
                        .redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
                if (!process.waitFor(2, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    fail("kubectl kustomize " + directory + " did not finish within two minutes");
                }
                if (process.exitValue() != 0) {
                    fail("kubectl kustomize " + directory + " failed: " + Files.readString(errors, StandardCharsets.UTF_8));
                }
                return parse(directory, Files.readString(output, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output);
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Optional<String> kubectl() {
        Stream<Path> candidates = Stream.concat(Stream.of(Path.of("/usr/bin/kubectl")),
                Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                        .filter(p -> !p.isBlank()).map(p -> Path.of(p, "kubectl")));
        return candidates.filter(Files::isExecutable).map(Path::toString).findFirst();
    }
}
