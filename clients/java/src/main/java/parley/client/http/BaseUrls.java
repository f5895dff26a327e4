package parley.client.http;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The base URLs a client may use, one at a time: all of them serve the same platform (nodes behind
 * no shared load balancer, or several load balancers). The client moves to the next, round-robin,
 * when its node asks it to reconnect elsewhere or a reconnect attempt fails.
 */
public final class BaseUrls {

    private final List<URI> urls;
    private final AtomicInteger current = new AtomicInteger();

    private BaseUrls(List<URI> urls) {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("at least one base URL is needed");
        }
        this.urls = List.copyOf(urls);
    }

    public static BaseUrls of(List<String> urls) {
        return new BaseUrls(urls.stream().map(BaseUrls::parse).toList());
    }

    public static BaseUrls of(URI url) {
        return new BaseUrls(List.of(url));
    }

    private static URI parse(String url) {
        return URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    public URI current() {
        return urls.get(Math.floorMod(current.get(), urls.size()));
    }

    /** Moves on to the next base URL (the same one when there is only one) and returns it. */
    public URI next() {
        return urls.get(Math.floorMod(current.incrementAndGet(), urls.size()));
    }

    public List<URI> all() {
        return urls;
    }
}
