package parley.api.user;

import java.time.Instant;
import java.util.UUID;

/** Revision 1. Never change a released event: add a revision with an upcaster instead. */
public record UserRegistered(UUID userId, String username, String displayName, Instant registeredAt) {
}
