package parley.client.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaseUrlsTest {

    @Test
    void movesRoundRobinAndDropsATrailingSlash() {
        BaseUrls urls = BaseUrls.of(List.of("http://node-a:8080/", "http://node-b:8080"));
        assertThat(urls.current()).isEqualTo(URI.create("http://node-a:8080"));
        assertThat(urls.next()).isEqualTo(URI.create("http://node-b:8080"));
        assertThat(urls.current()).isEqualTo(URI.create("http://node-b:8080"));
        assertThat(urls.next()).isEqualTo(URI.create("http://node-a:8080"));
    }

    @Test
    void oneUrlStaysPut() {
        BaseUrls urls = BaseUrls.of(URI.create("https://parley.example"));
        assertThat(urls.next()).isEqualTo(URI.create("https://parley.example"));
    }

    @Test
    void restAndWebSocketFollowTheCurrentUrl() {
        JsonHttp http = new JsonHttp(HttpClient.newHttpClient(), BaseUrls.of(List.of("http://node-a:8080", "https://node-b")));
        assertThat(http.webSocketUri()).isEqualTo(URI.create("ws://node-a:8080/ws"));
        http.moveToNextBaseUrl();
        assertThat(http.webSocketUri()).isEqualTo(URI.create("wss://node-b/ws"));
        assertThat(http.uri("/api/chats")).isEqualTo(URI.create("https://node-b/api/chats"));
    }

    @Test
    void needsAUrl() {
        assertThatThrownBy(() -> BaseUrls.of(List.<String>of())).isInstanceOf(IllegalArgumentException.class);
    }
}
