package parley.command.auth;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import parley.edge.ratelimit.LoginThrottle;

@RestController
class AuthController {

    private final Registration registration;
    private final Credentials credentials;
    private final SessionTokens sessionTokens;
    private final AuthCookies cookies;
    private final SigningKeys signingKeys;
    private final LoginThrottle loginThrottle;

    AuthController(Registration registration, Credentials credentials, SessionTokens sessionTokens, AuthCookies cookies,
            SigningKeys signingKeys, LoginThrottle loginThrottle) {
        this.registration = registration;
        this.credentials = credentials;
        this.sessionTokens = sessionTokens;
        this.cookies = cookies;
        this.signingKeys = signingKeys;
        this.loginThrottle = loginThrottle;
    }

    @PostMapping("/api/auth/register")
    @ResponseStatus(HttpStatus.CREATED)
    AuthRequests.Registered register(@Valid @RequestBody AuthRequests.Register request) {
        return new AuthRequests.Registered(registration.register(request.username(), request.password(), request.displayName()));
    }

    @PostMapping("/api/auth/login")
    @Parameter(in = ParameterIn.HEADER, name = RefreshTokenDelivery.HEADER, schema = @Schema(allowableValues = "body"),
            description = "'body' for a client without a cookie jar: the refresh token is also answered in the body")
    AuthRequests.LoggedIn login(@Valid @RequestBody AuthRequests.Login request, HttpServletRequest http,
            HttpServletResponse response) {
        loginThrottle.check(request.username());
        IssuedTokens tokens = credentials.verify(request.username(), request.password())
                .map(userId -> sessionTokens.start(userId, request.username()))
                .orElseThrow(AuthController::invalidCredentials);
        cookies.write(response, tokens);
        return AuthRequests.LoggedIn.of(tokens, RefreshTokenDelivery.loginAsksForBody(http));
    }

    @GetMapping("/.well-known/jwks.json")
    Map<String, Object> jwks() {
        return signingKeys.publicKeys().toJSONObject();
    }

    private static ErrorResponseException invalidCredentials() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, "user name or password is wrong");
        problem.setTitle("Invalid credentials");
        return new ErrorResponseException(HttpStatus.UNAUTHORIZED, problem, null);
    }
}
