package parley.command.stomp;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.annotation.SendToUser;
import parley.edge.ratelimit.LimitClass;

/**
 * A STOMP command handler: {@code SEND /app/{value}}, answered on the sender's own session at
 * {@code /user/queue/replies}, and counted against the sender's rate {@link #limit()} before its body
 * is bound (by {@link StompRequestResolver}). Failures become {@code CommandRejected} replies in
 * {@link CommandRejections}, so a handler is only the straight line of the command.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@MessageMapping
@SendToUser(destinations = Replies.QUEUE, broadcast = false)
public @interface StompMapping {

    /** The destination after {@code /app/}, e.g. {@code private.send}. */
    @AliasFor(annotation = MessageMapping.class)
    String value();

    /**
     * {@link LimitClass#SEND} for commands that store something (messages, edits, redactions, new
     * groups), which are also refused while this node's delivery lags; {@link LimitClass#COMMANDS}
     * for the rest (receipts and typing arrive as others write, group management one member at a time).
     */
    LimitClass limit();
}
