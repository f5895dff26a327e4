package parley.ops;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import parley.command.testing.KafkaListeners;
import parley.command.testing.ParleyHttp;

/**
 * The base of {@link PlatformTest}s that drive the running platform through its public protocol:
 * its addresses, an HTTP client, and Kafka consumers that hold their partitions before a test starts
 * (so nothing a test sends is missed by a consumer still joining its group).
 */
public abstract class RunningPlatform {

    @LocalServerPort
    protected int port;
    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    protected ParleyHttp http;

    @BeforeEach
    void connectToThePlatform() {
        http = new ParleyHttp(baseUrl());
        KafkaListeners.awaitAssignment(listeners);
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    protected String wsUrl() {
        return "ws://127.0.0.1:" + port + "/ws";
    }
}
