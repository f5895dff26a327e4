package parley.command.user;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import parley.api.user.RegisterUser;
import parley.api.user.UserRegistered;

/** A user's public identity. Credentials are not here: they stay out of the event stream. */
@Aggregate
public class UserAccount {

    @AggregateIdentifier
    private UUID userId;

    protected UserAccount() {
        // required by Axon
    }

    @CommandHandler
    public UserAccount(RegisterUser command, Clock clock) {
        apply(new UserRegistered(command.userId(), command.username(), command.displayName(), clock.instant()));
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        userId = event.userId();
    }
}
