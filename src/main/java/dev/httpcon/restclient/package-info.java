/**
 * Typed MicroProfile Rest Client interfaces bound to a named connection. Loaded only when the
 * MicroProfile Rest Client API (and JAX-RS) is on the class path; the rest of httpcon never needs it.
 *
 * <pre>{@code
 * @Path("/invoices")
 * @Produces(MediaType.APPLICATION_JSON)
 * public interface BillingApi {
 *     @GET @Path("/{id}") Invoice invoice(@PathParam("id") long id);
 *     @POST Invoice create(Invoice draft);
 * }
 *
 * @Inject @HttpCon("billing") BillingApi billing;   // sends through the connection "billing"
 * }</pre>
 *
 * <p>{@link dev.httpcon.restclient.RestClients} is the public entry (typed clients without a
 * container). Everything else here is internal: it may change without notice.
 *
 * @see dev.httpcon.restclient.RestClients
 */
package dev.httpcon.restclient;
