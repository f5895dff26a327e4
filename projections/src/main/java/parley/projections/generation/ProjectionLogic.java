package parley.projections.generation;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import parley.projections.dispatch.Projection;
import parley.projections.dispatch.ProjectionDispatch;

/**
 * The live projections, built outside the service over any DataSource: what {@code ./parley analyst
 * rebuild} and {@code verify} replay the event store through, so there is one copy of the projection
 * logic. It scans the same feature packages as the service, without Kafka, Flyway or the listener.
 */
public final class ProjectionLogic implements AutoCloseable {

    /** Every package that holds projections and their tables; {@code stream} (Kafka) is not one. */
    static final String[] PACKAGES = {"parley.projections.device", "parley.projections.group", "parley.projections.message",
            "parley.projections.privatechat", "parley.projections.receipt", "parley.projections.user"};

    private final AnnotationConfigApplicationContext context;
    private final ProjectionDispatch dispatch;

    private ProjectionLogic(AnnotationConfigApplicationContext context, ProjectionDispatch dispatch) {
        this.context = context;
        this.dispatch = dispatch;
    }

    /** The projections writing through {@code dataSource} (unqualified table names: its search_path decides where). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static ProjectionLogic over(DataSource dataSource) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.registerBean(JdbcClient.class, () -> JdbcClient.create(dataSource));
        context.scan(PACKAGES);
        context.refresh();
        List<Projection<?>> projections = new ArrayList<>();
        context.getBeansOfType(Projection.class).values().forEach(projection -> projections.add((Projection<?>) projection));
        return new ProjectionLogic(context, new ProjectionDispatch(projections));
    }

    public ProjectionDispatch dispatch() {
        return dispatch;
    }

    @Override
    public void close() {
        context.close();
    }
}
