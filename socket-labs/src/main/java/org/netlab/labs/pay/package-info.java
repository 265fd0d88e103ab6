/**
 * The micropayment lab: peers that pay each other directly over mutual TLS, and a central server
 * that issues their certificates, lists who is online and settles signed orders in a ledger that
 * never double-spends. This package holds what every side shares: the order and its signatures, the
 * reply table, the protocol's constants. The central server is in {@code server}, its ledger in
 * {@code ledger}, the peer and its commands in {@code peer}.
 */
package org.netlab.labs.pay;
