package parley.query.read;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import parley.query.QueryProperties;

@Configuration(proxyBeanMethods = false)
class ReadDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    ReadDatabase readDatabase(QueryProperties properties, ObjectProvider<MeterRegistry> meters) {
        return new ReadDatabase(properties, meters.getIfAvailable(SimpleMeterRegistry::new));
    }
}
