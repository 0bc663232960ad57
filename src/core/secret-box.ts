import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const VERSION = 'v1';
const KEY_FILE = 'secret-key.json';

/**
 * Authenticated encryption (AES-256-GCM) for secrets the platform must read back, such as TOTP seeds:
 * a copy of the database (a backup, a replica, a leaked dump) does not reveal them without the key.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(key: Uint8Array) {
    if (key.length !== 32) throw new Error('a secret box key is 32 bytes');
    this.key = Buffer.from(key);
  }

  /** `v1:<base64url(iv | tag | ciphertext)>`; `context` (for example a user id) binds it to its row. */
  seal(plaintext: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  /** The plaintext of a sealed value; throws if it was altered, moved to another row, or sealed with another key. */
  open(sealed: string, context: string): string {
    if (!sealed.startsWith(`${VERSION}:`)) throw new Error('not a sealed value');
    const encoded = sealed.slice(VERSION.length + 1);
    const raw = Buffer.from(encoded, 'base64url');
    // Node's decoder skips characters outside the alphabet and ignores spare bits: only the canonical text opens.
    if (raw.length < 28 || raw.toString('base64url') !== encoded) throw new Error('not a sealed value');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}

/** The installation's box: ADI_SECRET_KEY if set, else a key generated into the data folder on first use. */
export function loadSecretBox(options: { secretKeyHex?: string; dataDir: string }): SecretBox {
  if (options.secretKeyHex) return new SecretBox(Buffer.from(options.secretKeyHex, 'hex'));
  const file = path.join(options.dataDir, KEY_FILE);
  if (fs.existsSync(file)) return new SecretBox(Buffer.from((JSON.parse(fs.readFileSync(file, 'utf8')) as { key: string }).key, 'hex'));
  fs.mkdirSync(options.dataDir, { recursive: true });
  const key = randomBytes(32);
  try {
    fs.writeFileSync(file, `${JSON.stringify({ key: key.toString('hex'), createdAt: new Date().toISOString() }, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadSecretBox(options);
    throw error;
  }
  return new SecretBox(key);
}

/** The file name of the generated key inside the data folder (backups carry it). */
export const SECRET_KEY_FILE = KEY_FILE;
