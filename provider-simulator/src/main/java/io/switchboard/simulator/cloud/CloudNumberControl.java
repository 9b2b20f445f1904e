package io.switchboard.simulator.cloud;

import io.switchboard.simulator.http.ProviderException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Defines Cloud API numbers and shows how far their verification got. Control API: no key. */
@Path("/control/cloud-numbers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Control API")
public class CloudNumberControl {

    private final CloudNumbers numbers;

    public CloudNumberControl(CloudNumbers numbers) {
        this.numbers = numbers;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response define(CloudNumberRequest request) {
        if (request == null || blank(request.phoneNumberId()) || blank(request.code())) {
            throw ProviderException.badRequest("phoneNumberId and code are required");
        }
        String phone = blank(request.phone()) ? null : request.phone().trim();
        String account = blank(request.businessAccountId())
                ? null
                : request.businessAccountId().trim();
        CloudNumber number = numbers.define(
                request.phoneNumberId().trim(), phone, request.code().trim(), account);
        return Response.status(Response.Status.CREATED).entity(number.view()).build();
    }

    @GET
    public List<CloudNumberView> all() {
        return numbers.all();
    }

    @GET
    @Path("/{phoneNumberId}")
    public CloudNumberView get(@PathParam("phoneNumberId") String id) {
        return numbers.find(id)
                .map(CloudNumber::view)
                .orElseThrow(() -> ProviderException.notFound("cloud number not found: " + id));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
