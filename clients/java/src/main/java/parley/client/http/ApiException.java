package parley.client.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A REST call answered with an error status. {@link #problem()} is the server's RFC 9457 problem details
 * (with {@code code} or {@code errors} where the protocol defines them), or null if the body was not JSON.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final transient JsonNode problem;

    public ApiException(String request, int status, JsonNode problem) {
        super(request + " answered " + status + (problem == null ? "" : ": " + problem.path("detail").asText(problem.toString())));
        this.status = status;
        this.problem = problem;
    }

    public int status() {
        return status;
    }

    public JsonNode problem() {
        return problem;
    }

    /** The problem's {@code code} (e.g. {@code DEVICE_REVOKED}), or null. */
    public String code() {
        return problem == null || !problem.hasNonNull("code") ? null : problem.get("code").asText();
    }
}
