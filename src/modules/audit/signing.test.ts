import { describe, expect, it } from 'vitest';
import { signerFromSeed, verifySignature } from './signing.ts';

describe('verifySignature', () => {
  it('accepts the exact signature only: junk after it, a truncated one or a malformed key fail', async () => {
    const signer = await signerFromSeed(new Uint8Array(32).fill(3));
    const signature = await signer.sign('checkpoint');
    expect(await verifySignature(signature, 'checkpoint', signer.publicKeyHex)).toBe(true);
    expect(await verifySignature(`${signature}zz`, 'checkpoint', signer.publicKeyHex)).toBe(false);
    expect(await verifySignature(`${signature}00`, 'checkpoint', signer.publicKeyHex)).toBe(false);
    expect(await verifySignature(signature.slice(0, 126), 'checkpoint', signer.publicKeyHex)).toBe(false);
    expect(await verifySignature(signature, 'checkpoint', `${signer.publicKeyHex}zz`)).toBe(false);
    expect(await verifySignature(signature, 'checkpoint!', signer.publicKeyHex)).toBe(false);
  });
});
