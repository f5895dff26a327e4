package parley.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.api.Ids;
import parley.local.TestDatabase;
import parley.projections.generation.ReadModelMigrations;
import parley.local.TestRedis;

/** The query side alone, reading read tables on the real PostgreSQL, with real RS256 tokens. */
@SpringBootTest(classes = {QuerySideApplication.class, QuerySideIntegrationTest.Keys.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class QuerySideIntegrationTest {

    private static final TestDatabase DATABASE = TestDatabase.create("query");
    private static RSAKey signingKey;

    private static final UUID ALICE = Ids.uuid7();
    private static final UUID BOB = Ids.uuid7();
    private static final UUID CAROL = Ids.uuid7();
    private static final UUID AB = Ids.privateChatId(ALICE, BOB);
    private static final UUID AC = Ids.privateChatId(ALICE, CAROL);

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        DATABASE.springProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("parley.ratelimit.key-prefix", () -> "parley:rl:" + DATABASE.name());
        registry.add("parley.redis.address", TestRedis::address);
    }

    @TestConfiguration
    static class Keys {
        @Bean
        JwtDecoder jwtDecoder() throws Exception {
            return NimbusJwtDecoder.withPublicKey(signingKey.toRSAPublicKey()).build();
        }
    }

    @BeforeAll
    static void readTables() throws Exception {
        signingKey = new RSAKeyGenerator(2048).keyID("test").generate();
        ReadModelMigrations.flyway(new org.springframework.jdbc.datasource.DriverManagerDataSource(DATABASE.jdbcUrl(), DATABASE.username(),
                DATABASE.password())).migrate();
        JdbcClient jdbc = JdbcClient.create(new org.springframework.jdbc.datasource.DriverManagerDataSource(
                DATABASE.jdbcUrl(), DATABASE.username(), DATABASE.password()));
        Instant base = Instant.parse("2026-11-24T10:00:00Z");
        insertChat(jdbc, AB, ALICE, BOB, 120, base.plusSeconds(120));
        insertChat(jdbc, AC, ALICE, CAROL, 1, base.plusSeconds(500));
        for (long seq = 1; seq <= 120; seq++) {
            jdbc.sql("INSERT INTO messages (chat_id, seq, message_id, sender_id, envelope, sent_at, chat_type)"
                    + " VALUES (:chat, :seq, :id, :sender, CAST(:envelope AS json), :at, 'PRIVATE')")
                    .param("chat", AB).param("seq", seq).param("id", Ids.uuid7()).param("sender", seq % 2 == 0 ? ALICE : BOB)
                    .param("envelope", "{\"n\": " + seq + "}").param("at", Timestamp.from(base.plusSeconds(seq))).update();
        }
    }

    private static void insertChat(JdbcClient jdbc, UUID chat, UUID a, UUID b, long lastSeq, Instant at) {
        UUID low = a.compareTo(b) < 0 ? a : b;
        jdbc.sql("INSERT INTO private_chats VALUES (:chat, :low, :high, :seq, :at, :at)")
                .param("chat", chat).param("low", low).param("high", low.equals(a) ? b : a)
                .param("seq", lastSeq).param("at", Timestamp.from(at)).update();
    }

    @LocalServerPort
    int port;
    @Autowired
    ObjectMapper objectMapper;

    @Test
    void itAnswersKubernetesLivenessAndReadinessProbesWithoutAToken() throws Exception {
        for (String group : java.util.List.of("liveness", "readiness")) {
            Response health = get("/actuator/health/" + group, null);

            assertThat(health.status()).as(group).isEqualTo(200);
            assertThat(health.body().path("status").asText()).as(group).isEqualTo("UP");
        }
    }

    @Test
    void chatsAreListedMostRecentFirst() throws Exception {
        JsonNode chats = get("/api/chats", token(ALICE)).body();
        assertThat(chats).hasSize(2);
        assertThat(chats.get(0).get("chatId").asText()).isEqualTo(AC.toString());
        assertThat(chats.get(0).get("peerId").asText()).isEqualTo(CAROL.toString());
        assertThat(chats.get(1).get("lastSeq").asLong()).isEqualTo(120);
        assertThat(get("/api/chats", token(BOB)).body()).hasSize(1);
    }

    @Test
    void historyPagesBackwardsAndForwardsWithCursors() throws Exception {
        JsonNode newest = get("/api/chats/" + AB + "/messages?limit=50", token(BOB)).body();
        assertThat(newest.get("messages")).hasSize(50);
        assertThat(newest.get("messages").get(0).get("seq").asLong()).isEqualTo(120);
        assertThat(newest.get("messages").get(0).get("envelope").get("n").asInt()).isEqualTo(120);
        assertThat(newest.get("nextCursor").asLong()).isEqualTo(71);

        JsonNode older = get("/api/chats/" + AB + "/messages?beforeSeq=71&limit=100", token(BOB)).body();
        assertThat(older.get("messages")).hasSize(70);
        assertThat(older.get("messages").get(69).get("seq").asLong()).isEqualTo(1);
        assertThat(older.get("nextCursor").isNull()).isTrue();

        JsonNode catchUp = get("/api/chats/" + AB + "/messages?afterSeq=115", token(ALICE)).body();
        assertThat(catchUp.get("messages")).extracting(m -> m.get("seq").asLong()).containsExactly(116L, 117L, 118L, 119L, 120L);
        assertThat(catchUp.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void aNonParticipantGetsNotFound() throws Exception {
        Response response = get("/api/chats/" + AB + "/messages", token(CAROL));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(get("/api/chats/" + UUID.randomUUID() + "/messages", token(ALICE)).status()).isEqualTo(404);
    }

    @Test
    void badParametersAreProblemDetails() throws Exception {
        for (String query : new String[] {"?limit=0", "?limit=201", "?limit=abc", "?beforeSeq=5&afterSeq=1", "?afterSeq=-1"}) {
            Response response = get("/api/chats/" + AB + "/messages" + query, token(ALICE));
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.contentType()).as(query).startsWith("application/problem+json");
        }
        assertThat(get("/api/chats/not-a-uuid/messages", token(ALICE)).status()).isEqualTo(400);
    }

    @Test
    void requestsWithoutAValidTokenAreUnauthorized() throws Exception {
        for (String token : new String[] {null, "garbage", token(ALICE).substring(0, 40) + "x" + token(ALICE).substring(41)}) {
            Response response = get("/api/chats", token);
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.body().get("status").asInt()).isEqualTo(401);
        }
    }

    private static String token(UUID user) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(user.toString()).issuer("parley").audience("parley")
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("test").build(), claims);
        jwt.sign(new RSASSASigner(signingKey));
        return jwt.serialize();
    }

    private Response get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body().isEmpty() ? null : objectMapper.readTree(response.body()));
    }

    private record Response(int status, String contentType, JsonNode body) {
    }
}
