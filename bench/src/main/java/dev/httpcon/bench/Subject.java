package dev.httpcon.bench;

/**
 * A client measured in-process by {@link ClosedLoop}: one request per call, the response body read
 * to its end. Must be safe for many threads at once.
 */
interface Subject {

    /** Sends one GET and reads the whole response; true if it was a 200 with the expected body. */
    boolean call() throws Exception;
}
