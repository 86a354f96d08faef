package dev.httpcon.it.restclient;

/** What {@link MissingMapper} makes of a 404. */
public class MissingException extends Exception {

    private static final long serialVersionUID = 1L;

    public MissingException(String message) {
        super(message);
    }
}
