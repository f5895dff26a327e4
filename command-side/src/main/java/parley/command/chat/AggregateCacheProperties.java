package parley.command.chat;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How many aggregates each node keeps loaded. A busy chat holds its retry and edit windows (up to
 * about 400 KiB at 1,024 recent messages); a receipt holds two numbers. The defaults keep the worst
 * case near 300 MiB on a 1 GiB node; a chat evicted or idle for {@code expireAfterAccess} is read
 * again (its snapshot and the events after it) on its next command.
 *
 * @param privateChats private chats kept per node
 * @param groups group chats kept per node
 * @param receipts members' receipt watermarks kept per node
 * @param expireAfterAccess how long an untouched aggregate stays
 */
@ConfigurationProperties("parley.aggregate-cache")
public record AggregateCacheProperties(long privateChats, long groups, long receipts, Duration expireAfterAccess) {
}
