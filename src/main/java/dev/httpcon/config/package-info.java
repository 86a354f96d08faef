/**
 * Internal: the configuration, read once at deployment into immutable records. The readers of
 * the three definition forms (httpcon lines, the INI {@code config_file}, per-key properties) and
 * one loader ({@link dev.httpcon.config.SettingsLoader}) that checks everything and reports every
 * problem in one {@link dev.httpcon.config.ConfigValidationException}.
 *
 * <p>Not API: this package may change without notice. Applications configure httpcon with the
 * keys of {@code docs/configuration.md}, not with these types.
 */
package dev.httpcon.config;
