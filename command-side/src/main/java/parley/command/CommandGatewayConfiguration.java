package parley.command;

import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CommandGatewayConfiguration {

    /**
     * Two nodes that change one aggregate at once collide on its event sequence (optimistic
     * concurrency): the loser is retried against the new state rather than failed, after a jittered,
     * growing wait (up to about 8 s in all), so a busy group's senders do not collide again at every
     * retry. A fixed 20 ms interval with 8 tries ran out in CI when two nodes' senders shared one
     * group through PgBouncer. Rejections by a business rule are non-transient and never retried.
     */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus) {
        ScheduledExecutorService retries = DaemonThreads.singleScheduler("command-retry");
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(ContentionRetries.builder()
                        .retryExecutor(retries)
                        .firstBoundMillis(20)
                        .maxBoundMillis(1_000)
                        .maxRetryCount(12)
                        .build())
                .build();
    }
}
