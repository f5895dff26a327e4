package parley.command;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Times every command on the command bus in {@code parley.command.handling{command}} (Prometheus
 * {@code parley_command_handling_seconds}), tagged with the command record's simple name (a fixed set:
 * the commands this code defines). Measured from the handler's start to the end of its unit of work,
 * so loading the aggregate, the handler, appending its events and the commit are all in it; a retry
 * after a concurrent change is timed again as the new attempt it is. Axon's auto-configuration
 * registers handler interceptor beans on the command bus.
 */
@Component
class CommandHandlingTime implements MessageHandlerInterceptor<CommandMessage<?>> {

    static final String METER = "parley.command.handling";

    private final MeterRegistry meters;
    private final Map<Class<?>, Timer> timers = new ConcurrentHashMap<>();

    CommandHandlingTime(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain) throws Exception {
        Timer timer = timers.computeIfAbsent(unitOfWork.getMessage().getPayloadType(), this::timer);
        Timer.Sample started = Timer.start(meters);
        unitOfWork.onCleanup(done -> started.stop(timer));
        return interceptorChain.proceed();
    }

    private Timer timer(Class<?> command) {
        return Timer.builder(METER).description("a command's unit of work: load, handle, append, commit")
                .tag("command", command.getSimpleName())
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
                        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500))
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(meters);
    }
}
