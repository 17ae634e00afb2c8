package io.rosterline.systemtests;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain HTTP calls to the running roster-api. */
final class RosterApi {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private RosterApi() {
    }

    record Answer(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return Keycloak.JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (" + status + "): " + body, e);
            }
        }
    }

    static Answer get(String path, String bearerToken) {
        return send(HttpRequest.newBuilder(URI.create(RunningStack.stack().rosterApiUrl() + path)).GET(), bearerToken);
    }

    static Answer put(String path, String bearerToken, String jsonBody) {
        return send(HttpRequest.newBuilder(URI.create(RunningStack.stack().rosterApiUrl() + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(jsonBody)), bearerToken);
    }

    static Answer post(String path, String bearerToken, String jsonBody) {
        return send(HttpRequest.newBuilder(URI.create(RunningStack.stack().rosterApiUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)), bearerToken);
    }

    private static Answer send(HttpRequest.Builder request, String bearerToken) {
        request.header("Accept", "application/json");
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
