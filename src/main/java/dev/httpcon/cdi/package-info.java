/**
 * Internal: the CDI glue. {@link dev.httpcon.cdi.HttpConExtension} (registered as a portable
 * extension by the library jar) reads the configuration, checks every {@code @HttpCon} injection
 * point and adds the beans; one thin interceptor per concern runs the core's stage of that concern.
 *
 * <p>Not API: this package may change without notice; applications only inject the beans.
 */
package dev.httpcon.cdi;
