package parley.ops.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * SQL injection is ruled out by construction: every statement in every module's production code
 * is a constant with bound parameters. This reads the sources and fails on SQL built from strings
 * (concatenation, {@code formatted}, a non-constant passed where SQL goes) and on JDBC
 * {@code Statement}s, which cannot bind parameters.
 */
class BoundSqlOnlyTest {

    private static final JavaParser PARSER = new JavaParser(new ParserConfiguration().setLanguageLevel(LanguageLevel.JAVA_17));

    /** Methods whose first argument is always SQL (JdbcClient, JdbcTemplate, JDBC). */
    private static final Set<String> TAKES_SQL = Set.of("sql", "prepareStatement", "prepareCall", "executeQuery",
            "executeUpdate", "addBatch", "queryForObject", "queryForList", "queryForMap", "queryForRowSet", "queryForStream",
            "batchUpdate");
    private static final Set<String> BUILDS_TEXT = Set.of("formatted", "format", "concat", "join", "append", "replace");
    private static final Pattern SQL_START = Pattern.compile(
            "(?is)\\s*(SELECT|INSERT|UPDATE|DELETE|WITH|CREATE|ALTER|DROP|TRUNCATE|GRANT|MERGE|COPY)\\b.*");

    /** The only exceptions, each with the reason it cannot use a bound parameter. */
    private static final Map<String, String> ALLOWED = Map.ofEntries(
            Map.entry("parley/local/DatabaseNames.java",
                    "CREATE and DROP DATABASE take an identifier, which cannot be bound; the harnesses' names are checked to be"
                            + " plain lower-case identifiers first"),
            Map.entry("parley/projections/generation/ReadModel.java",
                    "DDL on read-model generation schemas (views, pointer, search_path): identifiers cannot be bound; every schema"
                            + " name is checked against read_g<N>/read_scratch_<x>/public and quoted with quote_ident"),
            Map.entry("parley/projections/generation/V6__read_model_generations.java",
                    "a migration's DDL naming the legacy tables, constants of the class; no value from outside"),
            Map.entry("parley/analyst/rebuild/Checksums.java",
                    "checksums over every column of each read table: table and column names come from the catalogue and"
                            + " the schema from ReadModel's checked names; the sample limit is bound"),
            Map.entry("parley/analyst/rebuild/WriteBehind.java",
                    "re-prepares, for batching, the projections' own SQL constants it intercepts; it writes no SQL of its own"),
            Map.entry("parley/analyst/rebuild/Replay.java",
                    "enters the generation schema it created (a ReadModel-checked name) for each replay transaction"),
            Map.entry("parley/analyst/EventLog.java",
                    "composes constant WHERE fragments by which filters are given; every value is a bound parameter"),
            Map.entry("parley/analyst/state/ChatEventReader.java",
                    "composes a constant query with an optional constant bound; every value is a bound parameter"),
            Map.entry("parley/analyst/sql/SqlCommand.java",
                    "runs the analyst's own SQL in an embedded DuckDB over a local export (that is the feature, with the"
                            + " analyst's own rights); file paths in COPY cannot be bound and are quoted as literals"),
            Map.entry("parley/analyst/export/ParquetRowWriter.java",
                    "DuckDB's COPY TO takes the output path as a literal, which cannot be bound; it is quoted"));

    /**
     * Every module with production code, and at least this many of its files: a scan that finds
     * nothing (a moved source root, a wrong working directory, a broken filter) must fail rather
     * than pass on an empty list.
     */
    private static final Map<String, Integer> MODULES = Map.of(
            "events-schema", 10, "clients/java", 20, "ops/local-services", 5, "edge", 10, "command-side", 50,
            "projections", 10, "query-side", 10, "ops/launcher", 3, "ops/bench", 20, "ops/analyst", 20);

    /** Classes known to hold SQL: each must be scanned, and the check must see its SQL calls. */
    private static final List<String> SQL_BEARING = List.of(
            "command-side/src/main/java/parley/command/auth/RefreshTokens.java",
            "command-side/src/main/java/parley/command/user/UserDirectory.java",
            "edge/src/main/java/parley/edge/token/SessionCutoffs.java",
            "projections/src/main/java/parley/projections/message/MessageTables.java",
            "query-side/src/main/java/parley/query/chat/ChatReads.java",
            "ops/local-services/src/main/java/parley/local/LocalReplica.java",
            "ops/bench/src/main/java/parley/bench/baseline/PgBenchBaseline.java");

    @Test
    void noModuleBuildsSqlFromStrings() {
        List<String> violations = new ArrayList<>();
        for (Path file : productionSources()) {
            if (ALLOWED.keySet().stream().noneMatch(allowed -> file.toString().replace('\\', '/').endsWith(allowed))) {
                violations.addAll(violations(parse(file), file.toString()));
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void theScanCoversEveryModuleAndTheClassesThatHoldSql() {
        Path root = repositoryRoot();
        List<String> scanned = productionSources().stream().map(file -> slashed(root.relativize(file))).toList();

        MODULES.forEach((module, minimum) -> assertThat(scanned.stream().filter(file -> file.startsWith(module + "/src/main/java/")))
                .as("production sources scanned in %s", module).hasSizeGreaterThanOrEqualTo(minimum));
        assertThat(scanned).containsAll(SQL_BEARING);
        for (String file : SQL_BEARING) {
            assertThat(sqlCalls(parse(root.resolve(file)))).as("SQL calls the check inspects in %s", file).isPositive();
        }
    }

    @Test
    void theCheckCatchesConcatenationFormattingStatementsAndVariables() {
        CompilationUnit bad = parse("""
                class Bad {
                  void a(JdbcClient jdbc, String id) { jdbc.sql("SELECT * FROM t WHERE id = '" + id + "'").query(); }
                  void b(java.sql.Connection c, String t) throws Exception { c.createStatement().execute("DROP TABLE " + t); }
                  void d(JdbcClient jdbc, String column) { jdbc.sql("SELECT %s FROM t".formatted(column)); }
                  void e(JdbcClient jdbc, String sql) { jdbc.sql(sql); }
                  void f(JdbcTemplate jdbc, String name) { String q = "DELETE FROM users WHERE name = '" + name + "'"; }
                }""");
        CompilationUnit good = parse("""
                class Good {
                  private static final String BY_ID = "SELECT * FROM t " + "WHERE id = :id";
                  void a(JdbcClient jdbc, Object replies, Object message) {
                    jdbc.sql(BY_ID).param("id", 1).query();
                    jdbc.sql(\"""
                        SELECT 1 WHERE a = :a\""").param("a", 2);
                    jdbc.sql("UPDATE t SET n = n + 1 WHERE id = :id").param("id", 3).update();
                    replies.execute(message, body -> body);
                    String greeting = "Selected " + message;
                    String sql = message == null ? "SELECT 1" : "SELECT 2";
                    jdbc.sql(sql).query();
                  }
                }""");

        assertThat(violations(bad, "Bad.java")).map(violation -> violation.split(":")[1]).containsOnly("2", "3", "4", "5", "6")
                .contains("2", "3", "4", "5", "6");
        assertThat(violations(good, "Good.java")).isEmpty();
    }

    private static long sqlCalls(CompilationUnit unit) {
        return unit.findAll(MethodCallExpr.class, call -> TAKES_SQL.contains(call.getNameAsString()) && !call.getArguments().isEmpty())
                .size();
    }

    private static List<String> violations(CompilationUnit unit, String file) {
        List<String> found = new ArrayList<>();
        for (MethodCallExpr call : unit.findAll(MethodCallExpr.class)) {
            String name = call.getNameAsString();
            if (name.equals("createStatement")) {
                found.add(at(file, call, "a JDBC Statement cannot bind parameters; use a prepared statement"));
            } else if (TAKES_SQL.contains(name) && !call.getArguments().isEmpty() && !isConstant(call.getArgument(0), unit)) {
                found.add(at(file, call, name + "(...) is given SQL that is not a constant"));
            }
        }
        for (Expression text : buildsText(unit)) {
            if (mentionsSql(text) && !isConstant(text, unit)) {
                found.add(at(file, text, "SQL built from strings"));
            }
        }
        return found;
    }

    private static List<Expression> buildsText(CompilationUnit unit) {
        List<Expression> built = new ArrayList<>(unit.findAll(BinaryExpr.class,
                binary -> binary.getOperator() == BinaryExpr.Operator.PLUS && !(binary.getParentNode().orElse(null) instanceof BinaryExpr)));
        built.addAll(unit.findAll(MethodCallExpr.class, call -> BUILDS_TEXT.contains(call.getNameAsString())));
        return built;
    }

    private static boolean mentionsSql(Expression expression) {
        return expression.findAll(StringLiteralExpr.class).stream().anyMatch(literal -> SQL_START.matcher(literal.getValue()).matches())
                || expression.findAll(TextBlockLiteralExpr.class).stream().anyMatch(block -> SQL_START.matcher(block.getValue()).matches());
    }

    /** A literal, a text block, a concatenation of constants, or a static final field holding one. */
    private static boolean isConstant(Expression expression, CompilationUnit unit) {
        if (expression.isStringLiteralExpr() || expression.isTextBlockLiteralExpr() || expression.isIntegerLiteralExpr()) {
            return true;
        }
        if (expression instanceof BinaryExpr binary) {
            return isConstant(binary.getLeft(), unit) && isConstant(binary.getRight(), unit);
        }
        if (expression.isEnclosedExpr()) {
            return isConstant(expression.asEnclosedExpr().getInner(), unit);
        }
        if (expression instanceof ConditionalExpr choice) {
            return isConstant(choice.getThenExpr(), unit) && isConstant(choice.getElseExpr(), unit);
        }
        if (expression instanceof NameExpr name) {
            return constantField(unit, name.getNameAsString()).or(() -> unchangedLocal(name))
                    .map(init -> isConstant(init, unit)).orElse(false);
        }
        return false;
    }

    /** The initializer of a local variable of the enclosing method that is never assigned again. */
    private static Optional<Expression> unchangedLocal(NameExpr name) {
        return name.findAncestor(CallableDeclaration.class).flatMap(method -> {
            List<VariableDeclarator> locals = method.findAll(VariableDeclarator.class,
                    variable -> variable.getNameAsString().equals(name.getNameAsString()));
            boolean reassigned = !method.findAll(AssignExpr.class,
                    assign -> assign.getTarget().toString().equals(name.getNameAsString())).isEmpty();
            return locals.size() == 1 && !reassigned ? locals.get(0).getInitializer() : Optional.empty();
        });
    }

    private static Optional<Expression> constantField(CompilationUnit unit, String name) {
        return unit.findAll(FieldDeclaration.class, field -> field.isStatic() && field.isFinal()).stream()
                .flatMap(field -> field.getVariables().stream())
                .filter(variable -> variable.getNameAsString().equals(name))
                .findFirst()
                .flatMap(VariableDeclarator::getInitializer);
    }

    private static String at(String file, com.github.javaparser.ast.Node node, String problem) {
        return file + ":" + node.getBegin().map(position -> position.line).orElse(0) + ": " + problem + ": " + node;
    }

    private static CompilationUnit parse(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CompilationUnit parse(String source) {
        return PARSER.parse(source).getResult().orElseThrow(() -> new IllegalStateException("cannot parse:\n" + source));
    }

    /** Every production source file, not descending into build output, npm packages, git or run-time data. */
    private static List<Path> productionSources() {
        Path root = repositoryRoot();
        List<Path> sources = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    boolean skipped = Set.of("target", "node_modules", ".git").contains(name) || dir.equals(root.resolve("data"));
                    return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (file.toString().endsWith(".java") && slashed(root.relativize(file)).matches("(.*/)?src/main/java/.*")) {
                        sources.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sources;
    }

    private static String slashed(Path path) {
        return path.toString().replace('\\', '/');
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("events-schema")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root above " + Path.of("").toAbsolutePath());
    }
}
