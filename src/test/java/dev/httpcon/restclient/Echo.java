package dev.httpcon.restclient;

import jakarta.json.bind.annotation.JsonbProperty;

/** The reference server's /echo answer (the fields the tests read). */
public class Echo {
    public String method;
    public String path;
    public String query;
    @JsonbProperty("user_agent")
    public String userAgent;
    @JsonbProperty("content_type")
    public String contentType;
    public String body;

    /** A JSON body to send. */
    public static class Payload {
        public String name;
        public int amount;

        public Payload() {
        }

        public Payload(String name, int amount) {
            this.name = name;
            this.amount = amount;
        }
    }
}
