package parley.command.tracing;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The trace context through Axon: into commands' and events' metadata when they are dispatched
 * ({@link TraceParentDispatch}), out of it when a processor handles a stored event
 * ({@link ProcessorSpans}). docs/adr/0019-trace-context-through-the-event-store.md says why the
 * event store carries it.
 */
@Configuration(proxyBeanMethods = false)
class AxonTracing {

    @Bean
    TraceParentDispatch<CommandMessage<?>> commandTraceParents(CommandBus commandBus, TraceParents traceParents) {
        TraceParentDispatch<CommandMessage<?>> dispatch = new TraceParentDispatch<>(traceParents);
        commandBus.registerDispatchInterceptor(dispatch);
        return dispatch;
    }

    @Bean
    TraceParentDispatch<EventMessage<?>> eventTraceParents(EventBus eventBus, TraceParents traceParents) {
        TraceParentDispatch<EventMessage<?>> dispatch = new TraceParentDispatch<>(traceParents);
        eventBus.registerDispatchInterceptor(dispatch);
        return dispatch;
    }

    @Bean
    ConfigurerModule processorSpans(TraceParents traceParents) {
        return configurer -> configurer.eventProcessing()
                .registerDefaultHandlerInterceptor((configuration, processorName) -> new ProcessorSpans(traceParents, processorName));
    }
}
