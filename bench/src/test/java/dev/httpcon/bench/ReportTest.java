package dev.httpcon.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's arithmetic: what RESULTS.md quotes comes from here. */
class ReportTest {

    @TempDir
    Path dir;

    private Path results(String... measurements) throws IOException {
        Path f = Files.createTempFile(dir, "results", ".tsv");
        Results r = new Results(f);
        for (String m : measurements) {
            // subject round rps
            String[] p = m.split(" ");
            double rps = Double.parseDouble(p[2]);
            r.load("http-keep", 1, p[0], Integer.parseInt(p[1]), new Measurement((long) (rps * 4), 4, 50, 90, 99, 0),
                    1.0, 1.5);
        }
        return f;
    }

    @Test
    void ratiosAreTakenWithinARoundThenTheMedian() throws IOException {
        // round 1: b/a = 0.5; round 2: 1.0; round 3: 0.9. Median of ratios 0.9, ratio of medians 900/1000.
        Report r = Report.read(List.of(results("a 1 2000", "b 1 1000", "a 2 1000", "b 2 1000", "a 3 900",
                "b 3 810")));

        assertEquals(0.9, r.ratio("http-keep", 1, "b", "a"), 1e-9);
        assertEquals(1000, r.median("http-keep", 1, "a", Report.Load::rps), 1e-9);
        assertEquals(1000, r.median("http-keep", 1, "b", Report.Load::rps), 1e-9);
    }

    @Test
    void roundsOfSeveralFilesAreKeptApart() throws IOException {
        Report r = Report.read(List.of(results("a 1 1000", "b 1 500"), results("a 1 1000", "b 1 1000")));

        assertEquals(0.75, r.ratio("http-keep", 1, "b", "a"), 1e-9);
    }

    @Test
    void measurementsMadeUnderLoadCanBeLeftOut() throws IOException {
        Path f = results("a 1 1000", "b 1 500");   // made at load 1.0 to 1.5
        Results more = new Results(f);
        more.load("http-keep", 1, "a", 2, new Measurement(4000, 4, 1, 1, 1, 0), 2.0, 6.0);
        more.load("http-keep", 1, "b", 2, new Measurement(4000, 4, 1, 1, 1, 0), 6.0, 2.0);

        assertEquals(0.75, Report.read(List.of(f)).ratio("http-keep", 1, "b", "a"), 1e-9);
        assertEquals(0.5, Report.read(List.of(f), 3.0).ratio("http-keep", 1, "b", "a"), 1e-9);
    }

    @Test
    void cpuAndAllocationPerRequestAreTwoMoreColumnsThatOlderReadersSkip() throws IOException {
        Path f = results("a 1 1000");
        new Results(f).load("http-keep", 1, "b", 1, new Measurement(4000, 4, 1, 1, 1, 0, 80_000_000L, 24_000_000L),
                1.0, 1.5);

        List<String> lines = Files.readAllLines(f);
        assertEquals(14, lines.get(0).split("\t").length, "wrk and the C loop: no CPU measured");
        String[] measured = lines.get(1).split("\t");
        assertEquals(16, measured.length);
        assertEquals("20.00", measured[14], "µs of CPU per request");
        assertEquals("6000", measured[15], "bytes per request");
        assertEquals(1.0, Report.read(List.of(f)).ratio("http-keep", 1, "b", "a"), 1e-9);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(2.5, Report.median(List.of(4.0, 1.0, 3.0, 2.0)), 1e-9);
        assertEquals(3.0, Report.median(List.of(5.0, 1.0, 3.0)), 1e-9);
        assertTrue(Double.isNaN(Report.median(List.of())));
    }

    @Test
    void bootRetainedHeapIsTheSlopeFromTheSmallestCount() throws IOException {
        Path f = Files.createTempFile(dir, "boot", ".tsv");
        Results r = new Results(f);
        r.boot("lines", 0, 1, 1000, 10_000_000, 0, 1, 1, 1200);
        r.boot("lines", 10_000, 1, 1500, 60_000_000, 5, 1, 1, 2000);
        r.boot("lines", 10_000, 2, 2500, 80_000_000, 5, 1, 1, 3000);

        String md = Report.read(List.of(f)).markdown();

        // median heap at 10,000 = 70 MB: (70,000,000 - 10,000,000) / 10,000 = 6,000 B per connection
        assertTrue(md.contains("| 10000 | 2,000 | 2,500 | 5.0 | 66.8 | 6,000 B | 2 |"), md);
        assertTrue(md.contains("| boot of 10,000 connections < 2 s (lines) | 2,000 ms | **missed** |"), md);
        assertTrue(md.contains("| < 10 KB retained heap per idle connection (lines) | 6,000 B | met |"), md);
    }

    @Test
    void theWeldOnlyFormHasItsOwnTableAndNoTarget() throws IOException {
        Path f = Files.createTempFile(dir, "boot", ".tsv");
        Results r = new Results(f);
        r.boot("lines", 0, 1, 1000, 10_000_000, 0, 1, 1, 1500);
        r.boot("lines", 10_000, 1, 3000, 30_000_000, 5, 1, 1, 4000);
        r.boot(BootCommand.WELD_ONLY, 0, 1, 1000, 10_000_000, 0, 1, 1, 1400);
        r.boot(BootCommand.WELD_ONLY, 10_000, 1, 2500, 20_000_000, 0, 1, 1, 3600);
        // a line of an older file, without the CPU column
        Files.writeString(f, "boot\tkeys\t0\t1\t1000.0\t10000000\t0.00\t1.00\t1.00\n", StandardOpenOption.APPEND);

        String md = Report.read(List.of(f)).markdown();

        assertTrue(md.contains("### boot (weld)\n\nWeld SE + SmallRye Metrics with N synthetic beans"), md);
        assertTrue(md.contains("| 10000 | 2,500 | 3,600 | 0.0 | 19.1 | 1,000 B | 1 |"), md);
        assertTrue(md.contains("| 0 | 1,000 |  | 0.0 | 9.5 |  | 1 |"), md);
        assertTrue(md.contains("| boot of 10,000 connections < 2 s (lines) | 3,000 ms | **missed** |"), md);
        assertFalse(md.contains("(weld) |"), md);
    }

    @Test
    void aLineThatIsNotAResultIsRefused() throws IOException {
        Path f = dir.resolve("bad.tsv");
        Files.writeString(f, "load\thttp-keep\t1\n");

        assertThrows(IllegalArgumentException.class, () -> Report.read(List.of(f)));
    }

    @Test
    void theExternalToolsLinesAreParsed() {
        Measurement m = Measurement.parse("CURL", "noise\nCURL 84000 4.000 45.5 90.1 150.2 3\n");

        assertEquals(84000, m.requests());
        assertEquals(21000, m.rps(), 1e-9);
        assertEquals(90.1, m.p99(), 1e-9);
        assertEquals(3, m.errors());
        assertThrows(IllegalStateException.class, () -> Measurement.parse("WRK", "CURL 1 1 1 1 1 0"));
    }
}
