package dev.httpcon.config;

import static dev.httpcon.config.Load.failing;
import static dev.httpcon.config.Load.ok;
import static dev.httpcon.config.Load.problemAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Form 3: httpclient.connection.<name>.<param>, alone and over the other forms. */
class PerKeyFormTest {

    private static SmallRyeConfig smallRye(Map<String, String> properties, Map<String, String> environment) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test.properties", 100),
                        new EnvConfigSource(environment, 300))
                .build();
    }

    @Test
    void definesAConnectionByItself() {
        HttpConSettings s = ok(
                "httpclient.connection.orders.url", "https://orders.example.com/v1",
                "httpclient.connection.orders.username", "svc",
                "httpclient.connection.orders.password", "pw",
                "httpclient.connection.orders.timeout", "1500ms",
                "httpclient.connection.orders.rest-clients", "com.example.OrdersClient, com.example.AdminClient");
        ConnectionSettings c = s.connection("orders");
        assertEquals(URI.create("https://orders.example.com/v1"), c.url());
        assertEquals("svc", c.username());
        assertEquals("pw", c.password().reveal());
        assertEquals(Duration.ofMillis(1500), c.timeout());
        assertEquals(List.of("com.example.OrdersClient", "com.example.AdminClient"), c.restClients());
        assertEquals("httpclient.connection.orders.*", c.origin());
    }

    /** The brief's case: only the password of example 1.16's apithree comes from an environment variable. */
    @Test
    void anEnvironmentVariableReachesAListedConnectionThroughMicroProfileConfig() {
        SmallRyeConfig config = smallRye(Map.of(
                        "httpclient.httpcon", "apithree=>http://annabella:mysecret@atlanta.example.com/api/12",
                        "httpclient.connections", "apithree"),
                Map.of("HTTPCLIENT_CONNECTION_APITHREE_PASSWORD", "from-the-environment",
                        "HTTPCLIENT_SOMETHING_ELSE", "ignored: upper-case names are not checked"));

        HttpConSettings s = SettingsLoader.load(new MpConfigView(config));

        ConnectionSettings c = s.connection("apithree");
        assertEquals("annabella", c.username());
        assertEquals("from-the-environment", c.password().reveal());
        assertEquals("httpclient.httpcon[0]", c.origin());
    }

    /**
     * The rule of docs/configuration.md: every parameter of every connection defined in any form is
     * asked for by key, so an environment variable reaches it without httpclient.connections. (Before,
     * only listed names were asked for, and the URL's password silently stayed.)
     */
    @Test
    void anEnvironmentVariableReachesAConnectionOfALineWithoutTheList() {
        SmallRyeConfig config = smallRye(Map.of("httpclient.httpcon", "apithree=>http://u:fromurl@h/api"),
                Map.of("HTTPCLIENT_CONNECTION_APITHREE_PASSWORD", "from-the-environment",
                        "HTTPCLIENT_CONNECTION_APITHREE_KEEPCONNECTIONS", "yes"));
        ConnectionSettings c = SettingsLoader.load(new MpConfigView(config)).connection("apithree");
        assertEquals("from-the-environment", c.password().reveal());
        assertTrue(c.keepConnections(), "an alias is asked for too");
    }

    /** docs/usage.md's billing connection: url and username in the properties, the password from the environment. */
    @Test
    void anEnvironmentVariableReachesAConnectionOfPerKeyPropertiesWithoutTheList() {
        SmallRyeConfig config = smallRye(Map.of(
                        "httpclient.connection.billing.url", "https://billing.example.com/v1",
                        "httpclient.connection.billing.username", "sip"),
                Map.of("HTTPCLIENT_CONNECTION_BILLING_PASSWORD", "s3cret"));
        ConnectionSettings c = SettingsLoader.load(new MpConfigView(config)).connection("billing");
        assertEquals("sip", c.username());
        assertEquals("s3cret", c.password().reveal());
    }

    @Test
    void anEnvironmentVariableReachesAConnectionOfTheConfigFileWithoutTheList(@TempDir Path dir) throws IOException {
        Path ini = Files.writeString(dir.resolve("c.cfg"), "[Stock-EU]\nurl = http://stock\ntimeout = 7\n"
                + "header.X-Api-Key = placeholder\n");
        SmallRyeConfig config = smallRye(Map.of("httpclient.config_file", ini.toString()),
                Map.of("HTTPCLIENT_CONNECTION_STOCK_EU_TIMEOUT", "2",
                        "HTTPCLIENT_CONNECTION_STOCK_EU_HEADER_X_API_KEY", "key-from-env"));
        ConnectionSettings c = SettingsLoader.load(new MpConfigView(config)).connection("Stock-EU");
        assertEquals(Duration.ofSeconds(2), c.timeout());
        assertEquals("key-from-env", c.headers().get(0).value());
        assertEquals("X-Api-Key", c.headers().get(0).name());
    }

    /** An environment variable's name cannot be turned back into a key: a connection only there must be listed. */
    @Test
    void aConnectionOnlyInTheEnvironmentIsNotGuessed() {
        SmallRyeConfig config = smallRye(Map.of("httpclient.httpcon", "a=>http://h/a"),
                Map.of("HTTPCLIENT_CONNECTION_GHOST_URL", "http://ghost"));
        assertEquals(List.of("a"), List.copyOf(SettingsLoader.load(new MpConfigView(config)).connections().keySet()));
    }

    @Test
    void aConnectionCanComeEntirelyFromTheEnvironment() {
        SmallRyeConfig config = smallRye(Map.of(),
                Map.of("HTTPCLIENT_CONNECTIONS", "stock",
                        "HTTPCLIENT_CONNECTION_STOCK_URL", "http://stock.example.com",
                        "HTTPCLIENT_CONNECTION_STOCK_HTTP_FOLLOW_REDIRECT", "no",
                        "HTTPCLIENT_CONNECTION_STOCK_REST_CLIENTS", "com.example.StockClient"));
        ConnectionSettings c = SettingsLoader.load(new MpConfigView(config)).connection("stock");
        assertEquals(URI.create("http://stock.example.com"), c.url());
        assertFalse(c.followRedirects());
        assertEquals(List.of("com.example.StockClient"), c.restClients());
    }

    @Test
    void indexedListsWorkThroughMicroProfileConfig() {
        SmallRyeConfig config = smallRye(Map.of(
                "httpclient.httpcon[0]", "a=>http://h/a;failover=b",
                "httpclient.httpcon[1]", "b=>http://h/b"), Map.of());
        HttpConSettings s = SettingsLoader.load(new MpConfigView(config));
        assertEquals(List.of("a", "b"), List.copyOf(s.connections().keySet()));
    }

    @Test
    void aPropertyOverridesALineWhichOverridesTheGlobal(@TempDir Path dir) throws IOException {
        Path ini = Files.writeString(dir.resolve("c.cfg"), "[fromfile]\nurl = http://f\ntimeout = 7\nmaxdatasize = 70\n");
        HttpConSettings s = ok(
                "httpclient.connection_timeout", "9",
                "httpclient.maxdatasize", "90",
                "httpclient.httpcon", "fromline=>http://l;timeout=5;maxdatasize=50",
                "httpclient.config_file", ini.toString(),
                "httpclient.connection.fromline.timeout", "1",
                "httpclient.connection.fromfile.timeout", "2");
        assertEquals(Duration.ofSeconds(1), s.connection("fromline").timeout());
        assertEquals(50, s.connection("fromline").maxDataSize());
        assertEquals(Duration.ofSeconds(2), s.connection("fromfile").timeout());
        assertEquals(70, s.connection("fromfile").maxDataSize());
    }

    @Test
    void aPropertyCanGiveAnIniSectionItsUrl(@TempDir Path dir) throws IOException {
        Path ini = Files.writeString(dir.resolve("c.cfg"), "[api]\ntimeout = 3\n");
        HttpConSettings s = ok("httpclient.config_file", ini.toString(),
                "httpclient.connection.api.url", "http://from-property");
        assertEquals(URI.create("http://from-property"), s.connection("api").url());
        assertEquals(Duration.ofSeconds(3), s.connection("api").timeout());
    }

    @Test
    void emptyQuotesInAPropertyAreTheNullOverride() {
        HttpConSettings s = ok("httpclient.httpproxy", "proxy.example.com",
                "httpclient.httpcon", "a=>http://h",
                "httpclient.connection.a.httpproxy", "\"\"");
        assertNull(s.connection("a").proxy());
        assertEquals(new ProxySettings("proxy.example.com", 1080), s.globals().proxy());
    }

    @Test
    void aliasesWorkAndTwoSpellingsOfOneParameterAreAProblem() {
        assertFalse(ok("httpclient.connection.a.url", "http://h",
                "httpclient.connection.a.http_follow_redirect", "0").connection("a").followRedirects());
        ConfigValidationException e = failing("httpclient.connection.a.url", "http://h",
                "httpclient.connection.a.keep_connections", "1",
                "httpclient.connection.a.keepconnections", "0");
        ConfigProblem p = problemAt(e, "httpclient.connection.a.keepconnections");
        assertEquals("0", p.value());
        assertEquals("set twice: httpclient.connection.a.keep_connections is the same parameter; keep one",
                p.expected());
    }

    @Test
    void malformedKeysAreProblems() {
        ConfigValidationException e = failing(
                "httpclient.connection.api", "http://h",
                "httpclient.connection.a.b.url", "http://h",
                "httpclient.connection.ok.url", "http://h",
                "httpclient.connection.ok.tiemout", "2",
                "httpclient.connection.ok.connection_timeout", "2",
                "httpclient.connection.ok.config_dir", "/tmp");
        assertEquals("expected httpclient.connection.<name>.<parameter>",
                problemAt(e, "httpclient.connection.api").expected());
        assertTrue(problemAt(e, "httpclient.connection.a.b.url").expected()
                .startsWith("invalid connection name 'a.b'; a connection name is 1 to 64 of A-Z a-z 0-9 _ -"));
        assertEquals("unknown parameter; did you mean timeout?",
                problemAt(e, "httpclient.connection.ok.tiemout").expected());
        assertEquals("unknown parameter; per connection it is called timeout",
                problemAt(e, "httpclient.connection.ok.connection_timeout").expected());
        assertEquals("unknown parameter; config_dir is a global setting only (httpclient.config_dir)",
                problemAt(e, "httpclient.connection.ok.config_dir").expected());
        assertEquals(5, e.problems().size(), e.getMessage());
    }

    @Test
    void aNameWithoutUrlAnywhereIsAProblem() {
        ConfigValidationException e = failing(
                "httpclient.httpcon", "apithree=>http://h",
                "httpclient.connection.apithre.password", "secret-typo",
                "httpclient.connections", "apithree,ghost,bad name");
        ConfigProblem typo = problemAt(e, "httpclient.connection.apithre.*");
        assertNull(typo.value());
        assertTrue(typo.expected().startsWith("connection 'apithre' has no url; set httpclient.connection.apithre.url"),
                typo.expected());
        assertTrue(typo.expected().endsWith("or did you mean apithree?"), typo.expected());
        List<ConfigProblem> listed = e.problems().stream().filter(p -> p.key().equals("httpclient.connections")).toList();
        assertEquals(List.of("bad name", "ghost"), listed.stream().map(ConfigProblem::value).toList(), e.getMessage());
        assertTrue(listed.get(0).expected().startsWith("invalid connection name; a connection name is 1 to 64"));
        assertTrue(listed.get(1).expected().startsWith("connection 'ghost' is listed but defined nowhere"));
        assertFalse(e.getMessage().contains("secret-typo"));
    }

    @Test
    void theSmallRyeViewListsKeysAndIgnoresEnvironmentStyleNames() {
        SmallRyeConfig config = smallRye(Map.of("httpclient.httpcon", "a=>http://h"),
                Map.of("HTTPCLIENT_TIEMOUT", "2"));
        assertEquals(1, SettingsLoader.load(new MpConfigView(config)).connections().size());
        SmallRyeConfig typo = smallRye(Map.of("httpclient.httpcon", "a=>http://h", "httpclient.tiemout", "2"), Map.of());
        ConfigValidationException e = assertThrows(ConfigValidationException.class,
                () -> SettingsLoader.load(new MpConfigView(typo)));
        ConfigProblem p = problemAt(e, "httpclient.tiemout");
        assertNull(p.value());
        assertEquals("unknown key; did you mean timeout? the global name of this setting is httpclient.connection_timeout",
                p.expected());
    }

    @Test
    void profileKeysAreDiscoveredAndResolvedForTheActiveProfile() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of(
                        "%test.httpclient.connection.p.url", "http://test.example.com",
                        "%prod.httpclient.connection.p.url", "http://prod.example.com"), "test.properties", 100))
                .withProfile("test")
                .build();
        assertEquals(URI.create("http://test.example.com"),
                SettingsLoader.load(new MpConfigView(config)).connection("p").url());
    }

    @Test
    void defaultHeadersAreCheckedAtDeployment() {
        ConfigValidationException e = failing(
                "httpclient.httpcon", "a=>http://u@h/a;header.Authorization=Bearer s3cr;et",
                "httpclient.connection.b.url", "http://h/b",
                "httpclient.connection.b.header.Host", "other",
                "httpclient.connection.b.header.X Bad", "v",
                "httpclient.connection.b.header.X-Api-Key", "bad\u0001key-s3cret",
                "httpclient.connection.b.header.User-Agent", "me",
                "httpclient.connection.b.header.Content-Type", "text/plain",
                "httpclient.connection.b.header", "X-Nope: 1");
        String all = e.getMessage();
        assertFalse(all.contains("s3cr"), all);
        assertTrue(problemAt(e, "httpclient.httpcon[0] (a) header.Authorization").expected()
                .startsWith("an Authorization header and a username are both set"), all);
        assertEquals("httpcon writes the Host header itself; it cannot be a default header",
                problemAt(e, "httpclient.connection.b.header.Host").expected());
        assertTrue(problemAt(e, "httpclient.connection.b.header.X Bad").expected().startsWith("expected header.<Header-Name>"));
        ConfigProblem key = problemAt(e, "httpclient.connection.b.header.X-Api-Key");
        assertEquals("****", key.value());
        assertTrue(key.expected().startsWith("expected text without control characters"), key.expected());
        assertEquals("set the user agent with the useragent parameter",
                problemAt(e, "httpclient.connection.b.header.User-Agent").expected());
        assertTrue(problemAt(e, "httpclient.connection.b.header.Content-Type").expected().contains("with the request"));
        assertTrue(problemAt(e, "httpclient.connection.b.header").expected().contains("header.<Header-Name>"));
    }

    @Test
    void aPerKeyHeaderWinsOverTheLinesAndEmptyQuotesRemoveIt() {
        HttpConSettings s = ok(
                "httpclient.httpcon", "a=>http://h/a;header.Accept=text/plain;header.X-Trace=1",
                "httpclient.connection.a.header.accept", "application/json",
                "httpclient.connection.a.header.X-Trace", "\"\"");
        assertEquals(List.of(new dev.httpcon.HttpRequest.Header("accept", "application/json")),
                s.connection("a").headers());
    }
}
