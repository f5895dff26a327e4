package parley.command.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

final class Json {

    static final ObjectMapper MAPPER = JsonMapper.builder().findAndAddModules().build();

    private Json() {
    }
}
