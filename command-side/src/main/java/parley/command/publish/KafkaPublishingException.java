package parley.command.publish;

class KafkaPublishingException extends RuntimeException {

    KafkaPublishingException(String message, Throwable cause) {
        super(message, cause);
    }
}
