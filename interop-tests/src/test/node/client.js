// An independent gRPC client: loads the netlab .proto files with @grpc/proto-loader and
// calls both services over TLS with @grpc/grpc-js, trusting only the given CA.
//   usage: RPC_TOKEN=TOKEN node client.js HOST:PORT CA_FILE PROTO_ROOT
// The token comes from the environment, never the command line, where other users of the
// machine could read it; it is sent with every call as 'authorization: Bearer TOKEN'.
// Prints one line per call; exits 1 when a call does not answer as expected.
'use strict';

const fs = require('fs');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const [target, caFile, protoRoot] = process.argv.slice(2);
const token = process.env.RPC_TOKEN;
if (!target || !caFile || !protoRoot || !token) {
  console.error('usage: RPC_TOKEN=TOKEN node client.js HOST:PORT CA_FILE PROTO_ROOT');
  process.exit(2);
}

const definition = protoLoader.loadSync(
  ['netlab/calculator/v1/calculator.proto', 'netlab/phonebook/v1/phonebook.proto'],
  { includeDirs: [protoRoot], longs: String, defaults: true });
const proto = grpc.loadPackageDefinition(definition);
const tls = grpc.credentials.createSsl(fs.readFileSync(caFile));
const withToken = grpc.credentials.combineChannelCredentials(
  tls,
  grpc.credentials.createFromMetadataGenerator((params, callback) => {
    const metadata = new grpc.Metadata();
    metadata.add('authorization', `Bearer ${token}`);
    callback(null, metadata);
  }));
const calculator = new proto.netlab.calculator.v1.CalculatorService(target, withToken);
const phonebook = new proto.netlab.phonebook.v1.PhonebookService(target, withToken);
const anonymousCalculator = new proto.netlab.calculator.v1.CalculatorService(target, tls);
const anonymousPhonebook = new proto.netlab.phonebook.v1.PhonebookService(target, tls);

function deadline() {
  return new Date(Date.now() + 10000);
}

function call(client, method, request) {
  return new Promise((resolve, reject) => {
    client[method](request, { deadline: deadline() }, (error, response) =>
      error ? reject(error) : resolve(response));
  });
}

async function refusalCode(client, method, request) {
  try {
    await call(client, method, request);
  } catch (error) {
    return grpc.status[error.code];
  }
  throw new Error(`${method} should have failed`);
}

async function refusal(client, method, request) {
  try {
    await call(client, method, request);
  } catch (error) {
    return `${grpc.status[error.code]} ${error.details}`;
  }
  throw new Error(`${method} should have failed`);
}

function list(prefix) {
  return new Promise((resolve, reject) => {
    const names = [];
    phonebook.listEntries({ namePrefix: prefix }, { deadline: deadline() })
      .on('data', (entry) => names.push(entry.name))
      .on('error', reject)
      .on('end', () => resolve(names));
  });
}

async function main() {
  console.log(`add ${(await call(calculator, 'add', { x: 2.5, y: 4 })).value}`);
  console.log(`abs ${(await call(calculator, 'abs', { x: -7 })).value}`);
  console.log(`divide-by-zero ${await refusal(calculator, 'divide', { x: 1, y: 0 })}`);

  const added = await call(phonebook, 'addEntry', { name: 'Ada Lovelace', number: '+44 20 7946 0000' });
  console.log(`addEntry ${added.name} / ${added.number}`);
  await call(phonebook, 'addEntry', { name: 'Alan Turing', number: '+44 20 7946 0001' });
  console.log(`findNumber ${(await call(phonebook, 'findNumber', { name: 'ada lovelace' })).number}`);
  console.log(`countEntries ${(await call(phonebook, 'countEntries', {})).count}`);
  console.log(`listEntries ${(await list('a')).join(', ')}`);
  console.log(`findNumber-unknown ${await refusal(phonebook, 'findNumber', { name: 'Nobody' })}`);
  console.log(`addEntry-taken ${await refusal(phonebook, 'addEntry', { name: 'ADA LOVELACE', number: '555-0100' })}`);

  console.log(`add-without-token ${(await call(anonymousCalculator, 'add', { x: 2, y: 3 })).value}`);
  console.log(`countEntries-without-token ${await refusalCode(anonymousPhonebook, 'countEntries', {})}`);
}

main().then(
  () => {
    [calculator, phonebook, anonymousCalculator, anonymousPhonebook].forEach((c) => c.close());
  },
  (error) => {
    console.error(`failed: ${error.message}`);
    process.exit(1);
  });
