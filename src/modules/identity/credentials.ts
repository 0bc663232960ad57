import { timingSafeEqual } from 'node:crypto';
import { type Algorithm, hash, verify } from '@node-rs/argon2';
import { generate as generateOtp, generateSecret, generateURI, verify as verifyOtp } from 'otplib';
import QRCode from 'qrcode';
import { sha256Hex } from '../../core/audit-chain.ts';

// OWASP's argon2id minimum (19 MiB, 2 passes, 1 lane).
// Algorithm is a const enum, which isolated modules cannot read: 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;
const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** An argon2id hash of a password. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

// Verified against when the e-mail is unknown, so a wrong e-mail takes as long as a wrong password.
let dummyHash: Promise<string> | undefined;

/** True when the password matches the hash; with no hash, spends the same time and returns false. */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    dummyHash ??= hashPassword('not-a-real-password-for-timing');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A new base32 TOTP secret (160 bits). */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The otpauth:// URL and its QR code as SVG, for an authenticator app. */
export async function totpEnrolment(secret: string, accountLabel: string) {
  const otpauthUrl = generateURI({ issuer: 'ADI Platform', label: accountLabel, secret });
  const qrSvg = await QRCode.toString(otpauthUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { otpauthUrl, qrSvg };
}

/**
 * Checks a TOTP code (one 30-second step of clock drift either way) and returns its time step, so the
 * caller can refuse a step that was already used (no replay within the window).
 */
export async function checkTotp(secret: string, code: string): Promise<number | null> {
  const result = await verifyOtp({ secret, token: code, epochTolerance: 30 });
  return result.valid && 'epoch' in result ? Math.floor(result.epoch / 30) : null;
}

/** The TOTP code of a 30-second time step (what an authenticator app shows during that step). */
export function totpCodeForStep(secret: string, step: number): Promise<string> {
  return generateOtp({ secret, epoch: step * 30 });
}

/** SHA-256 of a bearer secret (session or API token), which is what the database stores. */
export function hashSecret(secret: string): string {
  return sha256Hex(secret);
}

/** Constant-time string comparison. */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
