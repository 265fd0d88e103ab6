// An independent gRPC client of the access policy: one method per kind of operation,
// called by a caller without identity, then by a reader, a writer and an admin.
//   usage: READER_TOKEN=... WRITER_TOKEN=... ADMIN_TOKEN=... node access_matrix.js HOST:PORT CA_FILE PROTO_ROOT
// Tokens come from the environment (other users can read a process's arguments) and are
// sent as 'authorization: Bearer TOKEN' metadata by the channel's call credentials.
// Prints one line per call, "CALLER METHOD STATUS" (OK or the gRPC status name).
'use strict';

const fs = require('fs');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const [target, caFile, protoRoot] = process.argv.slice(2);
if (!target || !caFile || !protoRoot) {
  console.error('usage: node access_matrix.js HOST:PORT CA_FILE PROTO_ROOT');
  process.exit(2);
}

const definition = protoLoader.loadSync(
  ['netlab/calculator/v1/calculator.proto', 'netlab/phonebook/v1/phonebook.proto',
    'netlab/admin/v1/tokens.proto'],
  { includeDirs: [protoRoot], longs: String, defaults: true });
const proto = grpc.loadPackageDefinition(definition);
const tls = grpc.credentials.createSsl(fs.readFileSync(caFile));

const CALLERS = ['anonymous', 'reader', 'writer', 'admin'];
const REFLECTION = '/grpc.reflection.v1.ServerReflection/ServerReflectionInfo';
// A ServerReflectionRequest with list_services (field 7) set to "": reflection's
// messages are not in our .proto files, so this one is written by hand.
const LIST_SERVICES = Buffer.from([0x3a, 0x00]);

function credentialsFor(caller) {
  if (caller === 'anonymous') {
    return tls;
  }
  const token = process.env[`${caller.toUpperCase()}_TOKEN`];
  if (!token) {
    throw new Error(`${caller.toUpperCase()}_TOKEN is not set`);
  }
  return grpc.credentials.combineChannelCredentials(
    tls,
    grpc.credentials.createFromMetadataGenerator((params, callback) => {
      const metadata = new grpc.Metadata();
      metadata.add('authorization', `Bearer ${token}`);
      callback(null, metadata);
    }));
}

function deadline() {
  return new Date(Date.now() + 10000);
}

function unary(client, method, request) {
  return new Promise((resolve) => {
    client[method](request, { deadline: deadline() }, (error) =>
      resolve(error ? grpc.status[error.code] : 'OK'));
  });
}

function reflection(client) {
  return new Promise((resolve) => {
    let answered = false;
    const call = client.makeBidiStreamRequest(
      REFLECTION, (bytes) => bytes, (bytes) => bytes, new grpc.Metadata(), { deadline: deadline() });
    call.on('data', () => { answered = true; });
    call.on('error', (error) => resolve(grpc.status[error.code]));
    call.on('end', () => resolve(answered ? 'OK' : 'NO_ANSWER'));
    call.write(LIST_SERVICES);
    call.end();
  });
}

async function main() {
  for (const caller of CALLERS) {
    const credentials = credentialsFor(caller);
    const calculator = new proto.netlab.calculator.v1.CalculatorService(target, credentials);
    const phonebook = new proto.netlab.phonebook.v1.PhonebookService(target, credentials);
    const tokens = new proto.netlab.admin.v1.TokenService(target, credentials);
    const generic = new grpc.Client(target, credentials);
    // Calculate, describe, read, write, empty the phonebook, manage tokens. The phonebook is
    // empty: removing 'Nobody' is NOT_FOUND and removing all removes nothing.
    const probes = [
      ['netlab.calculator.v1.CalculatorService/Add', () => unary(calculator, 'add', { x: 2, y: 3 })],
      ['grpc.reflection.v1.ServerReflection/ServerReflectionInfo', () => reflection(generic)],
      ['netlab.phonebook.v1.PhonebookService/CountEntries', () => unary(phonebook, 'countEntries', {})],
      ['netlab.phonebook.v1.PhonebookService/RemoveEntry', () => unary(phonebook, 'removeEntry', { name: 'Nobody' })],
      ['netlab.phonebook.v1.PhonebookService/RemoveAll', () => unary(phonebook, 'removeAll', {})],
      ['netlab.admin.v1.TokenService/ListTokens', () => unary(tokens, 'listTokens', {})],
    ];
    for (const [method, call] of probes) {
      console.log(`${caller} ${method} ${await call()}`);
    }
    [calculator, phonebook, tokens, generic].forEach((client) => client.close());
  }
}

main().catch((error) => {
  console.error(`failed: ${error.message}`);
  process.exit(1);
});
