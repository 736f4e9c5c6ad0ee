import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';

// Backup files are gzip-compressed and encrypted with AES-256-GCM under a key derived from the
// operator's passphrase with scrypt; GCM's tag detects any change to the file.
// Layout: "QRBK1" | salt (16) | iv (12) | tag (16) | ciphertext.

const MAGIC = Buffer.from('QRBK1', 'ascii');
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
export const MIN_PASSPHRASE_LENGTH = 12;

function key(passphrase: string, salt: Buffer): Buffer {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new Error(`the backup passphrase must be at least ${String(MIN_PASSPHRASE_LENGTH)} characters`);
  }
  return scryptSync(passphrase, salt, 32, SCRYPT);
}

export function encryptBackup(plaintext: string, passphrase: string): Buffer {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(passphrase, salt), iv);
  const body = Buffer.concat([cipher.update(gzipSync(plaintext)), cipher.final()]);
  return Buffer.concat([MAGIC, salt, iv, cipher.getAuthTag(), body]);
}

export function decryptBackup(file: Buffer, passphrase: string): string {
  if (!file.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('not a quantrad backup file');
  const salt = file.subarray(5, 21);
  const iv = file.subarray(21, 33);
  const tag = file.subarray(33, 49);
  const decipher = createDecipheriv('aes-256-gcm', key(passphrase, salt), iv);
  decipher.setAuthTag(tag);
  try {
    return gunzipSync(Buffer.concat([decipher.update(file.subarray(49)), decipher.final()])).toString('utf8');
  } catch {
    throw new Error('the backup cannot be decrypted: wrong passphrase, or the file has been changed');
  }
}
