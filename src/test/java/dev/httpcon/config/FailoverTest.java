package dev.httpcon.config;

import static dev.httpcon.config.Load.failing;
import static dev.httpcon.config.Load.ok;
import static dev.httpcon.config.Load.problemAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FailoverTest {

    @Test
    void aChainWithoutCycleLoads() {
        HttpConSettings s = ok("httpclient.httpcon", "a=>http://h;failover=b,b=>http://h;failover=c,c=>http://h");
        assertEquals("b", s.connection("a").failover());
        assertEquals("c", s.connection("b").failover());
    }

    @Test
    void anUnknownTargetIsAProblemListingTheDefinedNames() {
        ConfigValidationException e = failing("httpclient.httpcon",
                "apione=>http://h,apifour=>http://h;failover=apone,apifive=>http://h;failover=other");
        ConfigProblem p = problemAt(e, "httpclient.httpcon[1] (apifour) failover");
        assertEquals("apone", p.value());
        assertEquals("no connection named 'apone'; did you mean apione?; defined: [apione, apifour, apifive]",
                p.expected());
        assertEquals("no connection named 'other'; defined: [apione, apifour, apifive]",
                problemAt(e, "httpclient.httpcon[2] (apifive) failover").expected());
    }

    @Test
    void longListsOfDefinedNamesAreShortened() {
        StringBuilder lines = new StringBuilder("x=>http://h;failover=zzz-unknown");
        for (int i = 0; i < 30; i++) {
            lines.append(",c").append(i).append("=>http://h");
        }
        ConfigProblem p = problemAt(failing("httpclient.httpcon", lines.toString()), "httpclient.httpcon[0] (x) failover");
        assertTrue(p.expected().endsWith(", c18, ... (11 more)]"), p.expected());
    }

    @Test
    void cyclesAreReportedOnceWithTheirPath() {
        ConfigValidationException e = failing(
                "httpclient.httpcon", "self=>http://h;failover=self,a=>http://h;failover=b,b=>http://h;failover=a,"
                        + "into=>http://h;failover=a",
                "httpclient.connection.c.url", "http://h",
                "httpclient.connection.c.failover", "d",
                "httpclient.connection.d.url", "http://h",
                "httpclient.connection.d.failover", "e",
                "httpclient.connection.e.url", "http://h",
                "httpclient.connection.e.failover", "c");
        assertEquals("failover cycle self -> self: a failover chain must end at a connection without failover",
                problemAt(e, "httpclient.httpcon[0] (self) failover").expected());
        assertEquals("failover cycle a -> b -> a: a failover chain must end at a connection without failover",
                problemAt(e, "httpclient.httpcon[1] (a) failover").expected());
        assertEquals("failover cycle c -> d -> e -> c: a failover chain must end at a connection without failover",
                problemAt(e, "httpclient.connection.c.failover").expected());
        assertEquals(3, e.problems().size(), "'into' leads into a cycle but is not part of one:\n" + e.getMessage());
    }

    @Test
    void aMalformedTargetIsReportedOnce() {
        ConfigValidationException e = failing("httpclient.httpcon", "a=>http://h;failover=b.c");
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(problemAt(e, "httpclient.httpcon[0] (a) failover").expected().startsWith("expected a connection name"));
    }

    @Test
    void aTargetThatIsItselfInvalidIsNotCalledUnknown() {
        ConfigValidationException e = failing("httpclient.httpcon", "a=>http://h;failover=b,b=>ftp://h");
        assertEquals(1, e.problems().size(), e.getMessage());
        problemAt(e, "httpclient.httpcon[1] (b) url");
    }
}
