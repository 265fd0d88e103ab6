// An independent Connect client: @connectrpc/connect-node, with the services' descriptors
// loaded at run time from the descriptor set the proto jar carries (no code generated here),
// calls the JSON gateway on the server's HTTPS port over HTTP/1.1, trusting only the given CA.
//   usage: RPC_TOKEN=TOKEN node connect_client.js BASE_URL CA_FILE PROTOSET json|binary
// The token comes from the environment, never the command line. Prints one line per call;
// exits 1 when a call does not answer as expected.
'use strict';

const fs = require('fs');
const { createFileRegistry, fromBinary } = require('@bufbuild/protobuf');
const { FileDescriptorSetSchema } = require('@bufbuild/protobuf/wkt');
const { createClient, ConnectError, Code } = require('@connectrpc/connect');
const { createConnectTransport } = require('@connectrpc/connect-node');

const [baseUrl, caFile, protoset, format] = process.argv.slice(2);
const token = process.env.RPC_TOKEN;
if (!baseUrl || !caFile || !protoset || !format || !token) {
  console.error('usage: RPC_TOKEN=TOKEN node connect_client.js BASE_URL CA_FILE PROTOSET json|binary');
  process.exit(2);
}

const registry = createFileRegistry(fromBinary(FileDescriptorSetSchema, fs.readFileSync(protoset)));
const ca = fs.readFileSync(caFile);

function transport(bearer) {
  const sendToken = (next) => async (request) => {
    request.header.set('authorization', `Bearer ${bearer}`);
    return next(request);
  };
  return createConnectTransport({
    baseUrl,
    httpVersion: '1.1',
    useBinaryFormat: format === 'binary',
    nodeOptions: { ca },
    interceptors: bearer ? [sendToken] : [],
  });
}

const signedIn = transport(token);
const anonymous = transport(null);
const calculator = createClient(registry.getService('netlab.calculator.v1.CalculatorService'), signedIn);
const phonebook = createClient(registry.getService('netlab.phonebook.v1.PhonebookService'), signedIn);
const anonymousPhonebook = createClient(registry.getService('netlab.phonebook.v1.PhonebookService'), anonymous);

function expect(condition, what) {
  if (!condition) {
    console.error(`unexpected: ${what}`);
    process.exit(1);
  }
}

async function refusal(call) {
  try {
    await call();
  } catch (e) {
    const error = ConnectError.from(e);
    return `${Code[error.code]} ${error.rawMessage}`;
  }
  return 'no error';
}

async function main() {
  const sum = await calculator.add({ x: 2, y: 3 });
  console.log(`add ${sum.value}`);
  expect(sum.value === 5, `2 + 3 = ${sum.value}`);

  const divided = await refusal(() => calculator.divide({ x: 1, y: 0 }));
  console.log(`divide ${divided}`);
  expect(divided.startsWith('InvalidArgument'), divided);

  const added = await phonebook.addEntry({ name: 'ada', number: '+44 20 7946 0001' });
  console.log(`addEntry ${added.name} ${added.number}`);
  await phonebook.addEntry({ name: 'alan', number: '+44 20 7946 0002' });
  await phonebook.addEntry({ name: 'grace', number: '+1 202 555 0100' });

  const found = await phonebook.findNumber({ name: 'ada' });
  console.log(`findNumber ada ${found.number}`);
  expect(found.number === '+44 20 7946 0001', found.number);

  const twice = await refusal(() => phonebook.addEntry({ name: 'ada', number: '+44 20 7946 0009' }));
  console.log(`addEntry again ${twice}`);
  expect(twice.startsWith('AlreadyExists'), twice);

  const names = [];
  for await (const entry of phonebook.listEntries({ namePrefix: 'a' })) {
    names.push(entry.name);
  }
  console.log(`listEntries a ${names.join(',')}`);
  expect(names.join(',') === 'ada,alan', names.join(','));

  const nobody = await refusal(() => anonymousPhonebook.countEntries({}));
  console.log(`anonymous countEntries ${nobody}`);
  expect(nobody.startsWith('Unauthenticated'), nobody);

  const count = await phonebook.countEntries({});
  console.log(`countEntries ${count.count}`);
}

main().catch((e) => {
  console.error(`failed: ${e.stack || e}`);
  process.exit(1);
});
