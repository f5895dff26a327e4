package parley.command.user;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import parley.api.user.RegisterUser;
import parley.api.user.UserRegistered;

class UserAccountTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    private FixtureConfiguration<UserAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(UserAccount.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void registeringAUserPublishesItsPublicIdentity() {
        UUID userId = UUID.randomUUID();
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(userId, "alice", "Alice"))
                .expectEvents(new UserRegistered(userId, "alice", "Alice", NOW));
    }

    @Test
    void aUserIdCannotBeRegisteredTwice() {
        UUID userId = UUID.randomUUID();
        fixture.given(new UserRegistered(userId, "alice", "Alice", NOW))
                .when(new RegisterUser(userId, "alice2", "Alice"))
                .expectException(Exception.class);
    }
}
