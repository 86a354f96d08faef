package dev.httpcon.examples.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.CurlError;
import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mapping table of docs/sip.md, row by row, on results built as the engine builds them. */
class SipAnswerTest {

    private static HttpResult status(int status, String body) {
        return HttpResult.builder().status(status).contentType("text/plain")
                .body(body.getBytes(StandardCharsets.UTF_8)).servedBy("routing").build();
    }

    private static HttpResult failed(CurlError error) {
        return HttpResult.builder().error(error, error.text()).servedBy("routing_backup").build();
    }

    @Test
    void aSipUriBecomesA302WithThatContact() {
        SipAnswer a = SipAnswer.of(status(200, "sip:u1@10.0.0.1:5060\nignored second line"));
        assertEquals(302, a.status());
        assertEquals("sip:u1@10.0.0.1:5060", a.contact());
        assertNull(a.retryAfter());
    }

    @Test
    void unknownAndForbiddenPassThrough() {
        assertEquals(404, SipAnswer.of(status(404, "")).status());
        assertEquals(403, SipAnswer.of(status(403, "")).status());
    }

    @Test
    void aTimeoutIs504AndOtherFailuresAre503WithRetryAfter() {
        assertEquals(504, SipAnswer.of(failed(CurlError.OPERATION_TIMEDOUT)).status());
        SipAnswer refused = SipAnswer.of(failed(CurlError.COULDNT_CONNECT));
        assertEquals(503, refused.status());
        assertEquals(SipAnswer.RETRY_AFTER_SECONDS, refused.retryAfter());
        SipAnswer serverError = SipAnswer.of(status(502, "bad gateway"));
        assertEquals(503, serverError.status());
        assertEquals(SipAnswer.RETRY_AFTER_SECONDS, serverError.retryAfter());
    }

    @Test
    void anythingElseIs500AndNothingOfTheBodyReachesSip() {
        SipAnswer notSip = SipAnswer.of(status(200, "<sip:u1@x>, sip:u2@y"));
        assertEquals(500, notSip.status());
        assertNull(notSip.contact());
        assertEquals(500, SipAnswer.of(status(204, "")).status());
    }

    @Test
    void onlyABareSipOrSipsUriIsAccepted() {
        assertTrue(SipAnswer.isSipUri("sips:alice@example.com;transport=tls"));
        assertFalse(SipAnswer.isSipUri("sip:"));
        assertFalse(SipAnswer.isSipUri("tel:+4670123"));
        assertFalse(SipAnswer.isSipUri("sip:a@b\r\nVia: x"));
        assertFalse(SipAnswer.isSipUri("sip:\"a\"@b"));
    }

    @Test
    void theRoutePathEncodesTheRequestUri() {
        assertEquals("/route?uri=sip%3Au1%40example.com%3Btransport%3Dudp",
                SipAnswer.routePath("sip:u1@example.com;transport=udp"));
    }

    @Test
    void theLookupCarriesTheDeadlineTheCallIdAndMethodAndCutsAnOverlongCallId() {
        long deadline = System.nanoTime() + 1_000_000_000L;
        var r = SipAnswer.routeRequest("sip:u1@example.com", "a84b4c76e66710@pc33", "INVITE", deadline);
        assertEquals("GET", r.method());
        assertEquals(deadline, r.deadlineNanoTime().getAsLong());
        assertEquals("/route?uri=sip%3Au1%40example.com", r.path());
        assertEquals(Map.of("sip.call_id", "a84b4c76e66710@pc33", "sip.method", "INVITE"), r.attributes());
        String longId = "x".repeat(300);
        assertEquals(HttpRequest.MAX_ATTRIBUTE_LENGTH,
                SipAnswer.routeRequest("sip:u1@example.com", longId, "OPTIONS", deadline).attributes().get("sip.call_id").length());
    }
}
