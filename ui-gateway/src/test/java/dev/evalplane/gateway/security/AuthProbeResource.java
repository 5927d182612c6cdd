package dev.evalplane.gateway.security;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/** A test-only route under the protected /api prefix, outside the proxied /api/v1 tree. */
@Path("/api/test-auth-probe")
public class AuthProbeResource {

    @GET
    @Produces("text/plain")
    public String get() {
        return "reached";
    }

    @POST
    @Consumes("*/*")
    @Produces("text/plain")
    public String post(byte[] body) {
        return "received " + body.length + " bytes";
    }
}
