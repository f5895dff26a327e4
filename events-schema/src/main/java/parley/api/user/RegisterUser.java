package parley.api.user;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RegisterUser(@TargetAggregateIdentifier UUID userId, String username, String displayName) {
}
