package parley.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.PropertySource;

/**
 * The socket service: STOMP over WebSocket, the aggregates and their event store, publishing of
 * stored events to Kafka, live push to connected users, and identity.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@PropertySource("classpath:parley-command.properties")
public class CommandSideApplication {

    public static void main(String[] args) {
        AxonDefaults.apply();
        SpringApplication.run(CommandSideApplication.class, args);
    }
}
