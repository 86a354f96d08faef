package dev.httpcon.examples.siprouter;

import gov.nist.core.StackLogger;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * JAIN SIP's stack log on java.util.logging. The NIST stack logs through log4j 1.x by default, a
 * library this example does not want (it is declared "provided" and unmaintained); with
 * {@code gov.nist.javax.sip.STACK_LOGGER} naming this class and {@code CommonLogger.useLegacyLogger}
 * set, every stack class logs here instead. Errors only (the stack's warnings, such as its TLS
 * defaults for a UDP-only server, are noise here, visible with {@code -v} as INFO): the stack's
 * debug output would cost CPU per message.
 */
public final class JulStackLogger implements StackLogger {

    private static final Logger LOG = Logger.getLogger("gov.nist.javax.sip");

    /** Created by the SIP stack by reflection. */
    public JulStackLogger() {
    }

    @Override
    public void logStackTrace() {
    }

    @Override
    public void logStackTrace(int traceLevel) {
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable t) {
        LOG.log(Level.WARNING, t.toString(), t);
    }

    @Override
    public void logDebug(String message) {
    }

    @Override
    public void logDebug(String message, Exception e) {
    }

    @Override
    public void logTrace(String message) {
    }

    @Override
    public void logFatalError(String message) {
        LOG.severe(message);
    }

    @Override
    public void logError(String message) {
        LOG.severe(message);
    }

    @Override
    public boolean isLoggingEnabled() {
        return true;
    }

    /** Only errors are ever asked for. */
    @Override
    public boolean isLoggingEnabled(int logLevel) {
        return logLevel <= TRACE_ERROR;
    }

    @Override
    public void logError(String message, Exception e) {
        LOG.log(Level.SEVERE, message, e);
    }

    @Override
    public void logWarning(String message) {
        LOG.info(message);
    }

    @Override
    public void logInfo(String message) {
    }

    @Override
    public void disableLogging() {
    }

    @Override
    public void enableLogging() {
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
    }

    @Override
    public String getLoggerName() {
        return LOG.getName();
    }
}
