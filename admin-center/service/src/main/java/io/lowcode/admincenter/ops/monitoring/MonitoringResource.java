package io.lowcode.admincenter.ops.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lowcode.admincenter.api.ops.ClusterHealth;
import io.lowcode.admincenter.api.ops.ConsumerGroupView;
import io.lowcode.admincenter.api.ops.EventFlow;
import io.lowcode.admincenter.api.ops.GroupHistory;
import io.lowcode.admincenter.api.ops.Throughput;
import io.lowcode.admincenter.api.ops.TopicDetail;
import io.lowcode.admincenter.api.ops.TopicView;
import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.runtime.problem.Problem;
import io.lowcode.eventschema.runtime.problem.ProblemException;
import io.lowcode.eventschema.runtime.rest.QueryParams;

/**
 * The monitoring API: the Kafka cluster, topics, consumer groups and the event flow between the services, all read
 * from the background samplers (never a Kafka call per request), each answer saying when its sample was taken.
 */
@Path("/api/v1/ops")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations: monitoring", description = "Cluster health, topics, consumer lag and status, event flow")
@RolesAllowed({ Roles.OPS, Roles.ADMIN })
@APIResponse(responseCode = "503", description = "No sample of the cluster yet (not-sampled)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class MonitoringResource {

    /** Kafka allows longer group ids, but nobody types one this long; the bound keeps abuse out of logs. */
    static final int MAX_GROUP_ID = 255;

    private final MonitoringViews views;
    private final EventFlowViews flow;
    private final HourHistory hour;

    public MonitoringResource(MonitoringViews views, EventFlowViews flow, HourHistory hour) {
        this.views = views;
        this.flow = flow;
        this.hour = hour;
    }

    @GET
    @Path("/cluster")
    @Operation(summary = "Cluster health", description = "Brokers (up or fenced), the active controller and the KRaft "
            + "quorum, partitions in total / under-replicated / under min ISR / offline, log-dir bytes per broker.")
    public ClusterHealth cluster() {
        return views.cluster(sample());
    }

    @GET
    @Path("/topics")
    @Operation(summary = "Topics", description = "Every topic with partitions, replication factor, min ISR, retention, "
            + "cleanup policy, records held and produce rate over the last minute.")
    public List<TopicView> topics() {
        return views.topics(sample());
    }

    @GET
    @Path("/consumer-groups")
    @Operation(summary = "Consumer groups", description = "State, members, lag per partition and in total, consume "
            + "rate, and a status per group evaluated over the sampler's sliding window with Burrow's rules (OK, WARN, "
            + "STALL, STOP, REWIND, ERR). The window's samples are in the single-group view.")
    public List<ConsumerGroupView> groups() {
        return views.groups(sample());
    }

    @GET
    @Path("/consumer-groups/{group}")
    @Operation(summary = "One consumer group, with the evidence", description = "As in the list, plus the window's "
            + "samples (committed and end offset, lag) behind each partition's status.")
    @APIResponse(responseCode = "400", description = "A group id over 255 characters or with control characters",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such group",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ConsumerGroupView group(@Parameter(description = "Group id, e.g. portal.access") @PathParam("group") String group) {
        checkGroup(group);
        return views.group(sample(), group).orElseThrow(() -> ProblemException.notFound("consumer group", group));
    }

    @GET
    @Path("/topics/{topic}")
    @Operation(summary = "One topic with its partitions", description = "As in the list, plus each partition's leader, "
            + "replicas, in-sync replicas and offsets.")
    @APIResponse(responseCode = "400", description = "A topic name over 249 characters or with characters Kafka refuses",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such topic",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TopicDetail topic(@PathParam("topic") String topic) {
        if (topic.length() > 249 || !topic.matches("[A-Za-z0-9._-]+")) {
            throw ProblemException.badRequest("topic", "must be a topic name: 1 to 249 of A-Z a-z 0-9 . _ -");
        }
        return views.topic(sample(), topic).orElseThrow(() -> ProblemException.notFound("topic", topic));
    }

    @GET
    @Path("/consumer-groups/{group}/history")
    @Operation(summary = "A group's lag over time", description = "Total lag and consume rate of every sample within "
            + "the last `minutes` (1..60; default 60), at most 360 points. Kept in memory for an hour.")
    @APIResponse(responseCode = "400", description = "A bad group id or minutes",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The group was never sampled",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public GroupHistory groupHistory(@PathParam("group") String group, @QueryParam("minutes") String minutes) {
        checkGroup(group);
        int span = QueryParams.integer("minutes", minutes, 60, 1, 60);
        return hour.group(group, Duration.ofMinutes(span), Instant.now())
                .orElseThrow(() -> ProblemException.notFound("consumer group", group));
    }

    @GET
    @Path("/throughput")
    @Operation(summary = "Events per second over time", description = "Records appended per second to the business "
            + "topics and to the dead-letter topics within the last `minutes` (1..60; default 60), at most 360 points.")
    @APIResponse(responseCode = "400", description = "A bad minutes",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Throughput throughput(@QueryParam("minutes") String minutes) {
        int span = QueryParams.integer("minutes", minutes, 60, 1, 60);
        return hour.throughput(Duration.ofMinutes(span), Instant.now());
    }

    @GET
    @Path("/event-flow")
    @Operation(summary = "Event flow", description = "Per service and event type: published, publish failures, "
            + "consumed, retried, dead-lettered (totals and rates over the last minute); outbox backlog and the age of "
            + "its oldest row. Read from each service's /q/metrics.")
    public EventFlow eventFlow() {
        return flow.flow();
    }

    private static void checkGroup(String group) {
        if (group.length() > MAX_GROUP_ID || group.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.badRequest("group", "must be at most " + MAX_GROUP_ID
                    + " characters without control characters");
        }
    }

    private KafkaSample sample() {
        return views.latest().orElseThrow(() -> new ProblemException(503, "not-sampled", "Not sampled yet",
                views.lastError() == null ? "the cluster has not been sampled yet; try again in a few seconds"
                        : "the cluster could not be sampled: " + views.lastError(), List.of()));
    }
}
