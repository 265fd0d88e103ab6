/**
 * What the socket-lab tools share on top of {@code org.netlab.cli}: one way to build their command
 * lines, the exceptions that say which exit code a failure is, and the progress bar of a transfer.
 */
package org.netlab.labs.cli;
