package dev.httpcon.engine;

import dev.httpcon.CurlError;
import java.net.URI;
import java.util.function.BiConsumer;

/**
 * What an attempt tells about each HTTP request it puts on the wire: the first one, each redirect
 * followed, and the one re-send on a fresh connection after a reused one failed before answering.
 * The core's measurements use it for one span per request, as the HTTP semantic conventions ask,
 * and to put trace context on every request. The engine knows nothing of tracing: it only says
 * when a request starts and ends, and adds the headers it is given.
 *
 * <p>Protocol, per attempt and on the attempt's thread: {@link #sending} before a request goes out,
 * then exactly one {@link #ended} for it, before the next {@code sending}. An attempt that fails
 * before anything is sent (a URL that does not parse, a closed engine) calls neither. Every
 * engine (the blocking one here, and any other transport) keeps this protocol. Implementations
 * must be fast and never throw.
 */
public interface WireObserver {

    /** Observes nothing: what an attempt gets when no measurement back end is present. */
    WireObserver NONE = new WireObserver() {
    };

    /**
     * A request is about to be sent.
     *
     * @param method  the method it is sent with (a 303 turns a POST into a GET)
     * @param url     where it goes: whole, with its query (mask it before showing it)
     * @param headers adds a header to this request only (for trace context)
     */
    default void sending(String method, URI url, BiConsumer<String, String> headers) {
    }

    /**
     * The request announced by the last {@link #sending} is over: its answer was read (a redirect's
     * body drained, the final body read), or it failed.
     *
     * @param status          the HTTP status received, 0 if none arrived
     * @param protocolVersion the HTTP version of the response ({@code "1.1"}, {@code "2"}), or
     *                        {@code null} if no response arrived
     * @param error           why the request failed, or {@code null} if its answer was complete
     */
    default void ended(int status, String protocolVersion, CurlError error) {
    }
}
