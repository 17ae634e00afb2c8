package io.rosterline.worker.api;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.rosterline.sync.engine.WorkerApi.Chunk;
import io.rosterline.sync.engine.WorkerApi.Progress;
import io.rosterline.sync.engine.WorkerApi.RunSource;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** roster-api's worker endpoints; every call carries a client-credentials token of rosterline-sync-worker. */
@RegisterRestClient(configKey = "roster-api")
@OidcClientFilter
@Path("/api/v1/worker")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface RosterApiClient {

    @POST
    @Path("claims")
    Response claim(Map<String, String> request);

    @GET
    @Path("runs/{runId}/source")
    RunSource source(@PathParam("runId") UUID runId, @HeaderParam("Lease-Token") UUID lease);

    @GET
    @Path("runs/{runId}/digest")
    @Produces("application/x-ndjson")
    InputStream digest(@PathParam("runId") UUID runId, @HeaderParam("Lease-Token") UUID lease, @QueryParam("collection") String collection);

    /** The run's source file (a OneRoster CSV zip), streamed as it is read. */
    @GET
    @Path("runs/{runId}/source/archive")
    @Produces("application/zip")
    InputStream archive(@PathParam("runId") UUID runId, @HeaderParam("Lease-Token") UUID lease);

    @POST
    @Path("runs/{runId}/courses")
    IncludedCourses courses(@PathParam("runId") UUID runId, @HeaderParam("Lease-Token") UUID lease, Map<String, Object> body);

    /** roster-api's answer to the courses call. */
    record IncludedCourses(List<String> courseSourcedIds) {
    }

    @POST
    @Path("runs/{runId}/chunks")
    Response chunk(@PathParam("runId") UUID runId, @HeaderParam("Lease-Token") UUID lease, Chunk chunk);

    @POST
    @Path("runs/{runId}/heartbeat")
    Response heartbeat(@PathParam("runId") UUID runId, @HeaderParam("Lease-Token") UUID lease, Progress progress);

    @POST
    @Path("runs/{runId}/complete")
    Response complete(@PathParam("runId") UUID runId, @HeaderParam("Lease-Token") UUID lease, Map<String, Object> body);

    @POST
    @Path("runs/{runId}/fail")
    Response fail(@PathParam("runId") UUID runId, @HeaderParam("Lease-Token") UUID lease, Map<String, String> body);
}
