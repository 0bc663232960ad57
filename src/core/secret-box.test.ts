import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SecretBox, loadSecretBox } from './secret-box.ts';

describe('secret box', () => {
  const box = new SecretBox(Buffer.alloc(32, 3));

  it('round-trips, and every sealing differs', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'user-1');
    expect(sealed).toMatch(/^v1:/);
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.seal('JBSWY3DPEHPK3PXP', 'user-1')).not.toBe(sealed);
    expect(box.open(sealed, 'user-1')).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses another row, another key, and any altered byte', () => {
    const sealed = box.seal('secret', 'user-1');
    expect(() => box.open(sealed, 'user-2')).toThrow();
    expect(() => new SecretBox(Buffer.alloc(32, 4)).open(sealed, 'user-1')).toThrow();
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    for (let index = 0; index < raw.length; index += 1) {
      const altered = Buffer.from(raw);
      altered[index] = (altered[index] ?? 0) ^ 0x01;
      expect(() => box.open(`v1:${altered.toString('base64url')}`, 'user-1')).toThrow();
    }
    expect(() => box.open(`${sealed}!`, 'user-1')).toThrow();
    expect(() => box.open('v1:AAAA', 'user-1')).toThrow();
  });

  it('generates a key into the data folder once and reuses it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'adi-box-'));
    try {
      const sealed = loadSecretBox({ dataDir: dir }).seal('x', 'c');
      expect(fs.statSync(path.join(dir, 'secret-key.json')).mode & 0o777).toBe(0o600);
      expect(loadSecretBox({ dataDir: dir }).open(sealed, 'c')).toBe('x');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
