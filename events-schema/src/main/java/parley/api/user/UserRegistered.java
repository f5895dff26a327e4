package parley.api.user;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** Revision 1. Never change a released event: add a revision with an upcaster instead. */
@Revision("1")
public record UserRegistered(UUID userId, String username, String displayName, Instant registeredAt) {
}
