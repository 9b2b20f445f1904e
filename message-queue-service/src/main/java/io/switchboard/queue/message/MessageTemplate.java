package io.switchboard.queue.message;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An approved WhatsApp template a Cloud API channel sends in place of free text, the only kind of message WhatsApp
 * takes outside a chat's 24-hour customer service window (docs/product/cloud-api-standing.md).
 *
 * @param name the template's name as approved at Meta, e.g. {@code order_update}
 * @param language its language code, e.g. {@code en_US}
 * @param parameters the values of its body's variables, in order ({{1}}, {{2}}, ...)
 */
@JsonIgnoreProperties(ignoreUnknown = false)
record MessageTemplate(
        @NotBlank(message = "is required (the approved template's name, e.g. order_update)")
        @Size(max = 512, message = "is at most 512 characters")
        @Pattern(regexp = "[a-z0-9_]+", message = "is lower-case letters, digits and underscores")
        String name,

        @NotBlank(message = "is required (e.g. en_US)")
        @Size(max = 15, message = "is at most 15 characters")
        @Pattern(regexp = "[a-z]{2,3}(_[A-Z]{2})?", message = "is a language code such as en or en_US")
        String language,

        @Size(max = 20, message = "holds at most 20 values")
        List<@NotNull(message = "is required") @Valid Parameter> parameters) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One value of a body variable. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    record Parameter(
            @NotNull(message = "is required") @Size(max = 1024, message = "is at most 1024 characters")
            String text) {}

    public List<Parameter> parametersOrNone() {
        return parameters == null ? List.of() : parameters;
    }

    private static Map<String, Object> ordered(String key, Object value, Object... more) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key, value);
        for (int i = 0; i < more.length; i += 2) {
            map.put((String) more[i], more[i + 1]);
        }
        return map;
    }

    /** What people see of it in the message's {@code text}. */
    public String summary() {
        String values = parametersOrNone().stream().map(Parameter::text).collect(Collectors.joining(", "));
        return "template " + name + " (" + language + ")" + (values.isEmpty() ? "" : ": " + values);
    }

    /**
     * Meta's {@code template} object of a send: name, language and the body's parameters. Always the same text for
     * the same template (ordered maps): it is part of what makes two requests the same.
     */
    public String metaJson() {
        Map<String, Object> template = ordered("name", name, "language", ordered("code", language));
        if (!parametersOrNone().isEmpty()) {
            template.put(
                    "components",
                    List.of(ordered(
                            "type",
                            "body",
                            "parameters",
                            parametersOrNone().stream()
                                    .map(parameter -> ordered("type", "text", "text", parameter.text()))
                                    .toList())));
        }
        try {
            return JSON.writeValueAsString(template);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
