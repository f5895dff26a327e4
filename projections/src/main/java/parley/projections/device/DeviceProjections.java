package parley.projections.device;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import parley.api.device.DeviceKeysPublished;
import parley.api.device.DeviceRevoked;
import parley.projections.dispatch.Projection;

@Configuration(proxyBeanMethods = false)
class DeviceProjections {

    @Bean
    Projection<DeviceKeysPublished> deviceKeysPublished(DeviceTables tables) {
        return Projection.of(DeviceKeysPublished.class, tables::publish);
    }

    @Bean
    Projection<DeviceRevoked> deviceRevoked(DeviceTables tables) {
        return Projection.of(DeviceRevoked.class, tables::revoke);
    }
}
