package dev.httpcon.zookeeper;

/** ZooKeeper could not be reached or read (within the connection timeout, or at all): the message says which. */
public final class ZooKeeperUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public ZooKeeperUnavailableException(String message) {
        super(message);
    }
}
