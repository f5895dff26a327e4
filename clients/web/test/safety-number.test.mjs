import assert from 'node:assert/strict';
import { test } from 'node:test';
import { safetyNumber } from '../src/crypto/safety-number.js';

// the test vector of docs/protocol.md
const A = { userId: '00000000-0000-7000-8000-00000000000a', signingKeys: ['hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo', '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo'] };
const B = { userId: '00000000-0000-7000-8000-00000000000b', signingKeys: ['3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08'] };
const EXPECTED = '65972 88084 47342 30970 03095 30760 76781 41549 25143 94732 51472 19345';

test('the documented vector, from either side', async () => {
  assert.equal(await safetyNumber([A, B]), EXPECTED);
  assert.equal(await safetyNumber([B, A]), EXPECTED);
});

test('any device change changes it', async () => {
  assert.notEqual(await safetyNumber([A, { ...B, signingKeys: [] }]), EXPECTED);
  assert.notEqual(await safetyNumber([{ ...A, signingKeys: A.signingKeys.slice(1) }, B]), EXPECTED);
});
