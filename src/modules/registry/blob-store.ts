import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Document bytes, stored once per content under their SHA-256 in `<dataDir>/documents/ab/<hash>`.
 * Content addressing makes a re-upload free and a stored file self-verifying; a blob written for a
 * transaction that then rolls back is harmless (nothing refers to it) and is kept.
 */
export class BlobStore {
  readonly root: string;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'documents');
  }

  /** The file that holds the blob with this hash. */
  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a SHA-256 hex digest');
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  /** Stores the bytes (atomically: write to a temporary file, then rename) and returns their SHA-256. */
  async put(bytes: Uint8Array): Promise<string> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const target = this.pathOf(sha256);
    if (fs.existsSync(target)) return sha256;
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${process.pid}.${Date.now()}.tmp`;
    await fs.promises.writeFile(temporary, bytes, { mode: 0o640 });
    await fs.promises.rename(temporary, target);
    return sha256;
  }

  /** A read stream of the blob, or null when it is missing (for example a restore without the documents folder). */
  open(sha256: string): fs.ReadStream | null {
    const file = this.pathOf(sha256);
    return fs.existsSync(file) ? fs.createReadStream(file) : null;
  }
}
