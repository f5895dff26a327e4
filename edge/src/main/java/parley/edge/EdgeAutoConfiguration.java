package parley.edge;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.PropertySource;

/**
 * Switches the edge on in any service that has this module on its class path: the command side
 * and the query side, alone or together in one process.
 */
@AutoConfiguration
@ComponentScan
@PropertySource("classpath:parley-edge.properties")
public class EdgeAutoConfiguration {
}
