import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import * as ed from '@noble/ed25519';
import { sha256Hex } from '../../core/audit-chain.ts';

/** The key that signs audit checkpoints. */
export interface CheckpointSigner {
  keyId: string;
  publicKeyHex: string;
  sign(message: string): Promise<string>;
}

const KEY_FILE = 'audit-signing-key.json';

/** A short, stable identifier of a public key: the first 16 hex digits of its SHA-256. */
export function keyIdOf(publicKeyHex: string): string {
  return sha256Hex(Buffer.from(publicKeyHex, 'hex')).slice(0, 16);
}

/** Builds a signer from a 32-byte Ed25519 seed. */
export async function signerFromSeed(seed: Uint8Array): Promise<CheckpointSigner> {
  const publicKey = await ed.getPublicKeyAsync(seed);
  const publicKeyHex = Buffer.from(publicKey).toString('hex');
  return {
    keyId: keyIdOf(publicKeyHex),
    publicKeyHex,
    sign: async (message) => Buffer.from(await ed.signAsync(new TextEncoder().encode(message), seed)).toString('hex'),
  };
}

/**
 * The signer for this installation: ADI_AUDIT_KEY if given, else the key stored in the data folder,
 * generated (readable by the owner only) the first time it is needed.
 */
export async function loadCheckpointSigner(options: { auditKeyHex?: string; dataDir: string }): Promise<CheckpointSigner> {
  if (options.auditKeyHex) return signerFromSeed(Buffer.from(options.auditKeyHex, 'hex'));
  const file = path.join(options.dataDir, KEY_FILE);
  if (fs.existsSync(file)) {
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { seed: string };
    return signerFromSeed(Buffer.from(stored.seed, 'hex'));
  }
  fs.mkdirSync(options.dataDir, { recursive: true });
  const seed = randomBytes(32);
  const signer = await signerFromSeed(seed);
  const body = JSON.stringify({ seed: seed.toString('hex'), publicKey: signer.publicKeyHex, createdAt: new Date().toISOString() }, null, 2);
  // 'wx' refuses to overwrite a key another process wrote in the meantime.
  try {
    fs.writeFileSync(file, `${body}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadCheckpointSigner(options);
    throw error;
  }
  return signer;
}

/** True when `signatureHex` is a valid Ed25519 signature of `message` by `publicKeyHex`. */
export async function verifySignature(signatureHex: string, message: string, publicKeyHex: string): Promise<boolean> {
  // Buffer.from(…, 'hex') stops at the first non-hex character, so a valid signature with junk after it
  // would pass: the exact lengths are checked first.
  if (!/^[0-9a-fA-F]{128}$/.test(signatureHex) || !/^[0-9a-fA-F]{64}$/.test(publicKeyHex)) return false;
  try {
    return await ed.verifyAsync(Buffer.from(signatureHex, 'hex'), new TextEncoder().encode(message), Buffer.from(publicKeyHex, 'hex'));
  } catch {
    return false;
  }
}

/** The exact text a checkpoint signature covers. */
export function checkpointMessage(cp: { seq: number; fromSeq: number; headHash: string; rangeDigest: string; signedAt: string }): string {
  return ['adi-audit-checkpoint/v1', cp.seq, cp.fromSeq, cp.headHash, cp.rangeDigest, cp.signedAt].join('\n');
}
