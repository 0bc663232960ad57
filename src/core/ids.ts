import { randomBytes, randomFillSync } from 'node:crypto';

// Random bytes for ids come from a pool refilled 4 KiB at a time: one system call per 256 ids
// instead of one per id (ids are made for every request).
const POOL_SIZE = 4096;
const pool = Buffer.alloc(POOL_SIZE);
let poolOffset = POOL_SIZE;

function random16(): Buffer {
  if (poolOffset + 16 > POOL_SIZE) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const bytes = Buffer.from(pool.subarray(poolOffset, poolOffset + 16));
  poolOffset += 16;
  return bytes;
}

let lastMillis = 0;
let sequence = 0;

/**
 * A UUIDv7 (RFC 9562): 48-bit Unix milliseconds, a 12-bit counter within the millisecond, then random
 * bits. Ids from one process are in creation order.
 */
export function uuidv7(now: number = Date.now()): string {
  const bytes = random16();
  if (now <= lastMillis) {
    // Same millisecond (or the clock stepped back): count on; past 4095, borrow the next millisecond
    // so ids from this process stay in creation order (RFC 9562, section 6.2).
    sequence += 1;
    if (sequence > 0xfff) {
      lastMillis += 1;
      sequence = 0;
    }
  } else {
    lastMillis = now;
    sequence = bytes.readUInt16BE(14) & 0x7ff;
  }
  bytes.writeUIntBE(lastMillis, 0, 6);
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A URL-safe random secret with the given number of bytes of entropy (default 32 = 256 bits). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
