package dev.httpcon.engine;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.util.concurrent.locks.Lock;
import org.apache.hc.core5.http.nio.command.RequestExecutionCommand;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.Command;
import org.apache.hc.core5.reactor.IOEventHandler;
import org.apache.hc.core5.reactor.IOSession;
import org.apache.hc.core5.util.Timeout;

/**
 * An I/O session of the asynchronous transport whose requests wait their turn in the order they
 * came: first come, first served.
 *
 * <p>Why: each connection of HttpClient's I/O reactor has one command queue, and its HTTP/2
 * multiplexer takes the next request from that queue whenever the server allows one more stream.
 * HttpClient 5.6 submits every request with {@code IMMEDIATE} priority
 * ({@code DefaultManagedAsyncClientConnection.submitCommand}, whatever priority it is asked for),
 * which puts it at the <em>front</em> of the queue. With more calls in flight than the server's
 * stream limit, the queue is then last in, first out: under a steady stream of new calls the
 * oldest ones never reach the wire and end with 28 at their deadline while the newest pass (seen
 * with 5,000 calls in flight on one connection; bench/HISTORY.md). Here a request goes to the back
 * of the queue; every other command (a ping, a stale check, a shutdown) keeps the priority it was
 * given. Over HTTP/1.1, where a connection carries one request at a time, nothing changes.
 *
 * <p>This is HttpClient's own hook for wrapping sessions ({@code setIoSessionDecorator}), applied
 * to every session the reactor makes, TLS ones included: HttpCore wraps the TLS layer around the
 * session it decorated and decorates that again, and both route their command queue to the
 * socket's session. Everything else is passed through unchanged.
 */
final class FirstComeFirstServed implements IOSession {

    private final IOSession session;

    FirstComeFirstServed(IOSession session) {
        this.session = session;
    }

    @Override
    public void enqueue(Command command, Command.Priority priority) {
        session.enqueue(command, command instanceof RequestExecutionCommand ? Command.Priority.NORMAL : priority);
    }

    @Override
    public IOEventHandler getHandler() {
        return session.getHandler();
    }

    @Override
    public void upgrade(IOEventHandler handler) {
        session.upgrade(handler);
    }

    @Override
    public Lock getLock() {
        return session.getLock();
    }

    @Override
    public boolean hasCommands() {
        return session.hasCommands();
    }

    @Override
    public Command poll() {
        return session.poll();
    }

    @Override
    public ByteChannel channel() {
        return session.channel();
    }

    @Override
    public SocketAddress getRemoteAddress() {
        return session.getRemoteAddress();
    }

    @Override
    public SocketAddress getLocalAddress() {
        return session.getLocalAddress();
    }

    @Override
    public int getEventMask() {
        return session.getEventMask();
    }

    @Override
    public void setEventMask(int ops) {
        session.setEventMask(ops);
    }

    @Override
    public void setEvent(int op) {
        session.setEvent(op);
    }

    @Override
    public void clearEvent(int op) {
        session.clearEvent(op);
    }

    @Override
    public void close() {
        session.close();
    }

    @Override
    public void close(CloseMode closeMode) {
        session.close(closeMode);
    }

    @Override
    public Status getStatus() {
        return session.getStatus();
    }

    @Override
    public boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public Timeout getSocketTimeout() {
        return session.getSocketTimeout();
    }

    @Override
    public void setSocketTimeout(Timeout timeout) {
        session.setSocketTimeout(timeout);
    }

    @Override
    public long getLastReadTime() {
        return session.getLastReadTime();
    }

    @Override
    public long getLastWriteTime() {
        return session.getLastWriteTime();
    }

    @Override
    public long getLastEventTime() {
        return session.getLastEventTime();
    }

    @Override
    public void updateReadTime() {
        session.updateReadTime();
    }

    @Override
    public void updateWriteTime() {
        session.updateWriteTime();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return session.read(dst);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return session.write(src);
    }

    @Override
    public String getId() {
        return session.getId();
    }

    @Override
    public String toString() {
        return session.toString();
    }
}
