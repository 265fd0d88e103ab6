/**
 * The vault lab's own secure channel, the answer to the students' breakable Diffie–Hellman: an
 * X25519 handshake modelled on Noise {@code NK} against a pinned server key, then ChaCha20-Poly1305
 * frames numbered per direction. {@link org.netlab.labs.vault.channel.LabChannelServer} serves
 * files through {@link org.netlab.labs.vault.VaultRoot}; {@link
 * org.netlab.labs.vault.channel.LabChannelClient#fetch} fetches one. The format, byte by byte, and
 * what it does and does not protect against are in docs/vault-channel.md.
 */
package org.netlab.labs.vault.channel;
