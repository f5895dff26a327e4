// The web crypto as a command for the Java interop test (clients/web/src/test/java):
//   node interop.mjs seal  < {"plaintext","context","sender":{userId,deviceId,agreementPrivateKey,signingPrivateKey},"recipients":[{userId,deviceId,agreementKey}]}
//   node interop.mjs open  < {"envelope","context","me":{userId,deviceId,agreementPrivateKey,signingPrivateKey},"senderSigningKey"}
// prints {"envelope":...} or {"plaintext":...} / {"rejected":reason}. Keys are unpadded base64url.
import { decode } from '../src/crypto/base64url.js';
import { EnvelopeRejectedError, openText, seal } from '../src/crypto/envelope.js';
import { deviceIdentityFromPrivateKeys } from '../src/crypto/keys.js';

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

async function device(input) {
  const identity = await deviceIdentityFromPrivateKeys(decode(input.agreementPrivateKey), decode(input.signingPrivateKey));
  return { userId: input.userId, deviceId: input.deviceId, ...identity };
}

const commands = {
  async seal(input) {
    return { envelope: await seal(input.plaintext, input.context, await device(input.sender), input.recipients) };
  },
  async open(input) {
    try {
      return { plaintext: await openText(input.envelope, input.context, await device(input.me), input.senderSigningKey) };
    } catch (e) {
      if (e instanceof EnvelopeRejectedError) return { rejected: e.reason };
      throw e;
    }
  },
};

const command = commands[process.argv[2]];
if (!command) {
  console.error('usage: node interop.mjs seal|open < request.json');
  process.exit(2);
}
process.stdout.write(JSON.stringify(await command(await readStdin())));
