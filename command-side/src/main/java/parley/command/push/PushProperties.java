package parley.command.push;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param receiptFanoutLimit groups up to this size push every receipt change to every member;
 *     larger groups push it to the reader's own sessions only (others read the status endpoint), so
 *     receipts do not grow as members squared
 * @param deviceChangeFanoutLimit the most chat contacts told that a user's device list changed (the
 *     others learn it when a send is refused for stale devices)
 */
@ConfigurationProperties("parley.push")
record PushProperties(int receiptFanoutLimit, int deviceChangeFanoutLimit) {
}
