package parley.query.read;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import parley.query.QueryProperties;

@Configuration(proxyBeanMethods = false)
class ReadDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    ReadDatabase readDatabase(QueryProperties properties) {
        return new ReadDatabase(properties.readDatasource());
    }
}
