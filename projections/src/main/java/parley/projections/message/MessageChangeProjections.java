package parley.projections.message;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import parley.api.message.MessageEdited;
import parley.api.message.MessageRedacted;
import parley.projections.dispatch.Projection;

@Configuration(proxyBeanMethods = false)
class MessageChangeProjections {

    @Bean
    Projection<MessageEdited> messageEdited(MessageTables tables) {
        return Projection.of(MessageEdited.class, (event, sequence) -> tables.edit(event));
    }

    @Bean
    Projection<MessageRedacted> messageRedacted(MessageTables tables) {
        return Projection.of(MessageRedacted.class, (event, sequence) -> tables.redact(event));
    }
}
