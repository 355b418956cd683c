package io.lowcode.eventschema.runtime.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.junit.jupiter.api.Test;

/** The mappings whose status and headers a client relies on. */
class ProblemMappersTest {

    private final ProblemMappers mappers = new ProblemMappers();

    @Test
    void aFullBulkheadIs503WithRetryAfter() {
        Response response = mappers.overloaded(new BulkheadException("full"), null);
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
        assertThat(((Problem) response.getEntity()).type()).hasToString("urn:lowcode:problem:overloaded");
    }

    @Test
    void tooManyRequestsCarriesItsRetryAfterAndAPermissionProblemNamesThePermission() {
        Response throttled = mappers.problem(ProblemException.tooManyRequests("slow down", 42), null);
        assertThat(throttled.getStatus()).isEqualTo(429);
        assertThat(throttled.getHeaderString("Retry-After")).isEqualTo("42");
        Response denied = mappers.problem(ProblemException.permissionRequired("function-unit:7:execute"), null);
        assertThat(denied.getStatus()).isEqualTo(403);
        assertThat(((Problem) denied.getEntity()).permission()).isEqualTo("function-unit:7:execute");
    }
}
