/**
 * What the ten socket-lab tools share on top of {@code org.netlab.cli}: one way to build their
 * command lines, and the exceptions that say which exit code a failure is.
 */
package org.netlab.labs.cli;
