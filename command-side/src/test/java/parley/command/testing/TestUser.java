package parley.command.testing;

import java.util.UUID;

/** A registered and logged-in user. */
public record TestUser(UUID userId, String username, String accessToken) {
}
