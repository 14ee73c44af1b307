/** {@link java.util.ServiceLoader} use shared by provider and extension discovery. */
package dev.lifecycle.core.internal.discovery;
