package parley.command.chat.group;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param maxMembers the most members a group may have (1,024 by default)
 * @param maxNameLength the longest group name, in characters
 */
@ConfigurationProperties("parley.group")
public record GroupLimits(int maxMembers, int maxNameLength) {
}
