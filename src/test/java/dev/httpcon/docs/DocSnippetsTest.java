package dev.httpcon.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every code block of the documentation compiles against the library as the page shows it, and
 * every block that shows a repository file shows it as it is (the conventions: {@link Snippets}).
 * The second half checks that the check catches what it is for: a missing import, a variable the
 * snippet never declares, a bean class CDI would not discover, an excerpt or file that drifted.
 */
class DocSnippetsTest {

    private final Snippets snippets = new Snippets(Path.of("").toAbsolutePath());

    @Test
    void everyPageCompilesAndShowsFilesAsTheyAre() throws IOException {
        List<String> problems = snippets.checkAll();
        assertEquals("", String.join("\n", problems), "code blocks of the documentation that fail");
    }

    @Test
    void thePagesAreFoundAndHaveJavaBlocks() throws IOException {
        List<Path> pages = snippets.pages();
        assertTrue(pages.contains(Path.of("").toAbsolutePath().resolve("README.md")), pages::toString);
        assertTrue(pages.stream().anyMatch(p -> p.endsWith(Path.of("docs", "usage.md"))), pages::toString);
    }

    @Test
    void aWholeFileWithoutItsImportsFailsAtItsLine() throws IOException {
        String page = """
                Text.

                ```java
                @ApplicationScoped
                public class Router {
                }
                ```
                """;
        assertOneProblem(snippets.check("p.md", page), "p.md:4: ", "ApplicationScoped");
    }

    @Test
    void aFragmentMayNotUseVariablesItDoesNotDeclare() throws IOException {
        String page = """
                <!-- snippet: method-body given: HttpConnection api -->
                ```java
                HttpResult r = api.post("/route", "application/json", json);
                ```
                """;
        assertOneProblem(snippets.check("p.md", page), "p.md:3: ", "json");

        String declared = page.replace("given: HttpConnection api", "given: HttpConnection api; String json");
        assertEquals(List.of(), snippets.check("p.md", declared));
    }

    @Test
    void aClassWithInjectionPointsNeedsABeanDefiningAnnotation() throws IOException {
        String page = """
                ```java
                import dev.httpcon.HttpCon;
                import dev.httpcon.HttpConnection;
                import jakarta.inject.Inject;

                public class Router {
                    @Inject @HttpCon("routing")
                    HttpConnection routing;
                }
                ```
                """;
        assertOneProblem(snippets.check("p.md", page), "p.md:6: Router has an injected field (routing)");

        String dependent = page.replace("public class Router", "@jakarta.enterprise.context.Dependent\npublic class Router");
        assertEquals(List.of(), snippets.check("p.md", dependent));
    }

    @Test
    void fragmentsUseTheClassesOfTheirPage() throws IOException {
        String page = """
                ```java
                package com.acme;

                public record Route(String uri) {
                }
                ```

                <!-- snippet: class-body in: Lookup -->
                ```java
                Lookup() {
                }

                Route first(List<Route> routes) {
                    return routes.get(0);
                }
                ```
                """;
        assertEquals(List.of(), snippets.check("p.md", page));
    }

    @Test
    void anExcerptMustFollowItsFile() throws IOException {
        String good = """
                <!-- snippet: excerpt pom.xml -->
                ```xml
                <groupId>dev.httpcon</groupId>
                ...
                <packaging>jar</packaging>
                ```
                """;
        assertEquals(List.of(), snippets.check("p.md", good));
        String reordered = good.replace("<groupId>dev.httpcon</groupId>\n...\n<packaging>jar</packaging>",
                "<packaging>jar</packaging>\n<groupId>dev.httpcon</groupId>");
        assertOneProblem(snippets.check("p.md", reordered), "p.md:4: not in pom.xml");
    }

    @Test
    void aShownFileMustBeWholeAndExact() throws IOException {
        List<String> missing = snippets.check("p.md", "<!-- snippet: file no/such/File.java -->\n```java\nclass A {}\n```\n");
        assertEquals(List.of("p.md:2: shows no/such/File.java, which is not a file of the repository"), missing);
        assertOneProblem(snippets.check("p.md", "<!-- snippet: file pom.xml -->\n```xml\n<project>\n```\n"),
                "p.md:3: differs from pom.xml:1");
    }

    /** One problem, at the place {@code start} says, mentioning each of {@code words}. */
    private static void assertOneProblem(List<String> problems, String start, String... words) {
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith(start), problems::toString);
        for (String w : words) {
            assertTrue(problems.get(0).contains(w), problems::toString);
        }
    }

    @Test
    void markersAreChecked() throws IOException {
        assertEquals(List.of("p.md:1: a snippet marker must be right before a code block's opening fence"),
                snippets.check("p.md", "<!-- snippet: unit -->\n\n```java\nclass A {}\n```\n"));
        assertOneProblem(snippets.check("p.md", "<!-- snippet: statements -->\n```java\nint a = 1;\n```\n"),
                "p.md:2: unknown snippet kind 'statements'");
    }
}
