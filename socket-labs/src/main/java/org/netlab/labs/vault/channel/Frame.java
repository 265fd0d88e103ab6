package org.netlab.labs.vault.channel;

import org.netlab.labs.vault.channel.LabChannelProtocol.FrameType;

/**
 * One opened frame: its type and body, and the counter it was sealed under (its number in its
 * direction).
 */
record Frame(FrameType type, byte[] body, long counter) {}
