/**
 * Internal: the {@code httpcon} command ({@code target/httpcon-cli.jar}, main class
 * {@link dev.httpcon.cli.Main}). Its commands, options and output are documented in
 * {@code docs/cli.md}; the classes here are not API and may change without notice.
 */
package dev.httpcon.cli;
