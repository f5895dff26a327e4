package parley.command.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * The fuzzers' generator: a well-formed JSON body changed by a short script of hostile mutations
 * (a field replaced by a wrong type, a huge number, an edge of Unicode, a null, deep nesting; a field
 * removed or added; the text truncated or followed by garbage). A script is a list of small numbers,
 * so jqwik shrinks a failure to the fewest, simplest mutations, and the printed {@link Mutation}s are
 * the regression test's input. Shared by the unit fuzzers and the attack suite's end-to-end fuzzer.
 */
public final class HostileJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private HostileJson() {
    }

    /** One step of a script: what to do ({@code kind}), where ({@code target}) and with what ({@code value}). */
    public record Mutation(int kind, int target, int value) {

        @Override
        public String toString() {
            return "new Mutation(" + kind + ", " + target + ", " + value + ")";
        }
    }

    /** Scripts of one to {@code maxSteps} mutations; tree mutations, then (kinds past them) text mutations. */
    public static Arbitrary<List<Mutation>> scripts(int maxSteps) {
        Arbitrary<Mutation> step = Combinators.combine(
                        Arbitraries.integers().between(0, KINDS - 1),
                        Arbitraries.integers().between(0, 63),
                        Arbitraries.integers().between(0, 4095))
                .as(Mutation::new);
        return step.list().ofMinSize(1).ofMaxSize(maxSteps);
    }

    /**
     * The same scripts drawn from a plain seeded {@link java.util.Random}, for fuzzers that run inside a
     * Spring test (jqwik's engine does not run Jupiter's extensions): the seed alone reproduces the run.
     */
    public static List<Mutation> randomScript(java.util.Random random, int maxSteps) {
        List<Mutation> script = new ArrayList<>();
        for (int i = 1 + random.nextInt(maxSteps); i > 0; i--) {
            script.add(new Mutation(random.nextInt(KINDS), random.nextInt(64), random.nextInt(4096)));
        }
        return script;
    }

    /** The body {@code valid} after the tree mutations of {@code script}, as a tree. */
    public static JsonNode mutatedTree(JsonNode valid, List<Mutation> script) {
        JsonNode root = valid.deepCopy();
        for (Mutation m : script) {
            if (m.kind() < TREE_KINDS) {
                root = mutateTree(root, m);
            }
        }
        return root;
    }

    /** The body {@code valid} after every mutation of {@code script}, as the bytes a client would send. */
    public static byte[] mutatedBytes(JsonNode valid, List<Mutation> script) {
        String text = write(mutatedTree(valid, script));
        for (Mutation m : script) {
            if (m.kind() >= TREE_KINDS) {
                text = mutateText(text, m);
            }
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    // ---- tree mutations ----

    private static final int TREE_KINDS = 5;
    private static final int KINDS = TREE_KINDS + 4;

    private static JsonNode mutateTree(JsonNode root, Mutation m) {
        List<Slot> slots = new ArrayList<>();
        slots.add(new Slot(null, null, -1));
        collect(root, slots);
        Slot slot = slots.get(m.target() % slots.size());
        return switch (m.kind()) {
            case 0 -> slot.replace(root, hostileValue(m.value()));
            case 1 -> slot.remove(root);
            case 2 -> {
                JsonNode host = slot.current(root);
                if (host instanceof ObjectNode object) {
                    object.set(extraFieldName(m.value()), hostileValue(m.value() / 7));
                }
                yield root;
            }
            case 3 -> slot.replace(root, wrapped(slot.current(root), m.value()));
            default -> slot.replace(root, nearMiss(slot.current(root), m.value()));
        };
    }

    /** Where a value sits: a field of an object, an element of an array, or the root itself. */
    private record Slot(JsonNode parent, String field, int index) {

        JsonNode current(JsonNode root) {
            if (parent == null) {
                return root;
            }
            return field != null ? parent.get(field) : parent.get(index);
        }

        JsonNode replace(JsonNode root, JsonNode value) {
            if (parent == null) {
                return value;
            }
            if (field != null) {
                ((ObjectNode) parent).set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
            return root;
        }

        JsonNode remove(JsonNode root) {
            if (parent == null) {
                return NODES.objectNode();
            }
            if (field != null) {
                ((ObjectNode) parent).remove(field);
            } else {
                ((ArrayNode) parent).remove(index);
            }
            return root;
        }
    }

    private static void collect(JsonNode node, List<Slot> slots) {
        if (node.isObject()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                slots.add(new Slot(node, name, -1));
                collect(node.get(name), slots);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                slots.add(new Slot(node, null, i));
                collect(node.get(i), slots);
            }
        }
    }

    private static final String[] EXTRA_FIELDS = {"senderId", "userId", "__proto__", "constructor", "type", "", "\u0000",
            "seq", "role", "admin", "chatId", "a.b", "$where", "\uD800"};

    private static String extraFieldName(int value) {
        return EXTRA_FIELDS[value % EXTRA_FIELDS.length];
    }

    /** A value near the original: the same type spelt another way, or the edge of its range. */
    private static JsonNode nearMiss(JsonNode original, int value) {
        if (original != null && original.isTextual()) {
            String text = original.asText();
            return switch (value % 8) {
                case 0 -> NODES.textNode(text.toUpperCase());
                case 1 -> NODES.textNode(" " + text);
                case 2 -> NODES.textNode(text.isEmpty() ? "" : text.substring(0, text.length() - 1));
                case 3 -> NODES.textNode(text + "=");
                case 4 -> NODES.textNode(text + "\u0000");
                case 5 -> NODES.textNode(text.replace('-', '\u2010'));
                case 6 -> NODES.textNode(text.repeat(1 + value % 300));
                default -> NODES.textNode("{" + text + "}");
            };
        }
        if (original != null && original.isNumber()) {
            return switch (value % 6) {
                case 0 -> NODES.numberNode(original.asLong() + 1);
                case 1 -> NODES.numberNode(-original.asLong());
                case 2 -> original.isIntegralNumber() ? NODES.numberNode(new BigDecimal(original.bigIntegerValue()).setScale(1))
                        : NODES.numberNode(original.decimalValue().negate());
                case 3 -> NODES.textNode(original.asText());
                case 4 -> NODES.numberNode(BigInteger.TWO.pow(64).add(BigInteger.valueOf(original.asLong())));
                default -> NODES.numberNode(Long.MIN_VALUE);
            };
        }
        return hostileValue(value);
    }

    private static JsonNode wrapped(JsonNode original, int value) {
        JsonNode inner = original == null ? NODES.nullNode() : original;
        int depth = 1 + value % 40;
        for (int i = 0; i < depth; i++) {
            inner = (value & 1) == 0 ? NODES.arrayNode().add(inner) : NODES.objectNode().set("x", inner);
        }
        return inner;
    }

    /** A catalogue of values no field expects; {@code value} picks one and sizes it. */
    public static JsonNode hostileValue(int value) {
        int size = value / HOSTILE_KINDS;
        return switch (value % HOSTILE_KINDS) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(true);
            case 2 -> NODES.numberNode(0);
            case 3 -> NODES.numberNode(-1);
            case 4 -> NODES.numberNode(Long.MAX_VALUE);
            case 5 -> NODES.numberNode(new BigInteger("1" + "0".repeat(1 + size % 400)));
            case 6 -> NODES.numberNode(new BigDecimal("1e" + (size % 2 == 0 ? "" : "-") + (300 + size)));
            case 7 -> NODES.numberNode(1.5);
            case 8 -> NODES.textNode("");
            case 9 -> NODES.textNode(" ");
            case 10 -> NODES.textNode("\u0000");
            case 11 -> NODES.textNode("\uD800"); // a lone surrogate: not encodable as UTF-8
            case 12 -> NODES.textNode("\u202Egnp.exe\u200B\uFEFF");
            case 13 -> NODES.textNode("\uD83D\uDE00".repeat(1 + size));
            case 14 -> NODES.textNode("x".repeat(1 + size * 61));
            case 15 -> NODES.textNode("../../../etc/passwd");
            case 16 -> NODES.textNode("' OR 1=1 --");
            case 17 -> NODES.textNode("<script>alert(1)</script>");
            case 18 -> NODES.textNode("00000000-0000-0000-0000-000000000000");
            case 19 -> NODES.textNode("AAAA".repeat(size % 64) + "A");
            case 20 -> NODES.textNode("ffffffff-ffff-ffff-ffff-fffffffffffff");
            case 21 -> NODES.arrayNode();
            case 22 -> NODES.objectNode();
            case 23 -> repeatedArray(size % 2000);
            case 24 -> NODES.textNode("e\u0301\u0345".repeat(1 + size % 100)); // combining marks that NFKC rewrites
            case 25 -> NODES.textNode("\r\n\tcontent-length:0\r\n");
            default -> NODES.textNode("1");
        };
    }

    private static final int HOSTILE_KINDS = 27;

    private static ArrayNode repeatedArray(int length) {
        ArrayNode array = NODES.arrayNode();
        for (int i = 0; i < length; i++) {
            array.add("11111111-1111-4111-8111-111111111111");
        }
        return array;
    }

    // ---- text mutations ----

    private static String mutateText(String text, Mutation m) {
        int at = text.isEmpty() ? 0 : m.value() % text.length();
        return switch (m.kind() - TREE_KINDS) {
            case 0 -> text.substring(0, at); // truncated
            case 1 -> text + TRAILERS[m.target() % TRAILERS.length];
            case 2 -> text.substring(0, at) + INSERTS[m.target() % INSERTS.length] + text.substring(at);
            default -> deepNesting(1 + m.value() * 2, m.target() % 2 == 0);
        };
    }

    private static final String[] TRAILERS = {"}", "{}", " garbage", "\u0000", ",", "]", "\n{\"a\":1}", "//", "/*"};
    private static final String[] INSERTS = {"\"", "\\", "\\u", "\\uD800", ",", ":", "{", "[", "\u0000", "\uFEFF", "'",
            "NaN", "1e99999", "\"a\":1,", "\u00e9"};

    /** Nesting deeper than the parser's limit (1000) must be refused by it, not by a stack overflow. */
    private static String deepNesting(int depth, boolean arrays) {
        return (arrays ? "[" : "{\"a\":").repeat(depth) + "1" + (arrays ? "]" : "}").repeat(depth);
    }

    // ---- valid bodies ----

    /** A tree from literal JSON text (test fixtures). */
    public static ObjectNode object(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    /** A fresh object node, filled by {@code fields}. */
    public static ObjectNode object(Consumer<ObjectNode> fields) {
        ObjectNode node = NODES.objectNode();
        fields.accept(node);
        return node;
    }

    public static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
