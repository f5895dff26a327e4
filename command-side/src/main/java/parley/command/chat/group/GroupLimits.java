package parley.command.chat.group;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param maxMembers the most members a group may have (1,024 by default)
 * @param maxNameLength the longest group name, in characters
 * @param maxInitialMembers the most members a creation may name, the creator included (100 by default):
 *     creating a group pushes one event to each of them, and more members join by adding them afterwards
 */
@ConfigurationProperties("parley.group")
public record GroupLimits(int maxMembers, int maxNameLength, int maxInitialMembers) {
}
