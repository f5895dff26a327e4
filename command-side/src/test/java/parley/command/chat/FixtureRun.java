package parley.command.chat;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import parley.command.rejection.CommandRejectedException;

/**
 * Runs one command on an {@link org.axonframework.test.aggregate.AggregateTestFixture} after a given
 * history and hands back what happened, so that a property can compare runs instead of spelling out
 * each expected event. The fixture still checks what it always checks (an aggregate whose state
 * differs from a replay of its events fails the run).
 */
public final class FixtureRun<T> {

    private final FixtureConfiguration<T> fixture;
    private Object result;
    private Throwable failure;

    /** Wraps {@code fixture}; call before any {@code given}. */
    public FixtureRun(FixtureConfiguration<T> fixture) {
        this.fixture = fixture;
        MessageHandlerInterceptor<CommandMessage<?>> capture = (unitOfWork, chain) -> {
            try {
                result = chain.proceed();
                return result;
            } catch (Exception e) {
                failure = e;
                throw e;
            }
        };
        fixture.registerCommandHandlerInterceptor(capture);
    }

    /** {@code command} handled after {@code history} (the aggregate's earlier events, in order). */
    public Outcome run(List<?> history, Object command) {
        if (!command.getClass().getPackageName().startsWith("parley.api")) {
            // A generator that wraps a command once too often would otherwise test nothing, and pass.
            throw new IllegalArgumentException("not a command: " + command);
        }
        result = null;
        failure = null;
        List<Object> emitted = new ArrayList<>();
        var validator = history.isEmpty() ? fixture.givenNoPriorActivity().when(command) : fixture.given(history).when(command);
        validator.expectEventsMatching(new BaseMatcher<List<? super EventMessage<?>>>() {
            @Override
            public boolean matches(Object actual) {
                for (Object event : (List<?>) actual) {
                    emitted.add(((EventMessage<?>) event).getPayload());
                }
                return true;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("any events");
            }
        });
        return new Outcome(List.copyOf(emitted), result, failure);
    }

    /**
     * What one command did.
     *
     * @param events the payloads it recorded
     * @param result its answer when accepted
     * @param failure why it was refused, or null
     */
    public record Outcome(List<Object> events, Object result, Throwable failure) {

        public boolean accepted() {
            return failure == null;
        }

        /** "accepted", the rejection code, or the class of anything else thrown: for a property's statistics. */
        public String verdict() {
            return failure == null ? "accepted" : answer();
        }

        /** The rejection code, the exception's class for anything else, or "accepted" and the result: what a client is told. */
        public String answer() {
            if (failure == null) {
                return "accepted " + result;
            }
            return failure instanceof CommandRejectedException rejection ? rejection.code().name() : failure.getClass().getSimpleName();
        }
    }
}
