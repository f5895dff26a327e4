package parley.command.stomp;

/**
 * The body of a {@link StompMapping} command: a record that {@link StompRequestResolver} binds
 * strictly from the frame's JSON and checks with Bean Validation. A handler takes exactly one
 * (ArchitectureTest), which is also where the command is admitted against its rate limit.
 */
public interface StompRequest {
}
