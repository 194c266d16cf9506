import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

/** The encrypted `resource` of a notice; `ciphertext` is base64 with the 16-byte GCM tag at its end. */
export interface EncryptedResource {
  original_type: string
  algorithm: 'AEAD_AES_256_GCM'
  ciphertext: string
  associated_data: string
  nonce: string
}

const tagBytes = 16

/** The APIv3 key is 32 ASCII characters used as raw AES-256 key bytes. */
export function apiV3KeyBytes(apiV3Key: string): Buffer {
  const key = Buffer.from(apiV3Key, 'utf8')
  if (key.length !== 32) throw new Error('APIv3 key must be 32 bytes')
  return key
}

/**
 * Decrypts a resource. The tag length is pinned to 16 bytes: Node otherwise accepts a shorter tag, which would let
 * a truncated ciphertext authenticate against fewer tag bits. Throws on any failure; callers wrap the error.
 */
export function decryptResource(resource: EncryptedResource, apiV3Key: string): string {
  if (resource.algorithm !== 'AEAD_AES_256_GCM') throw new Error('unsupported algorithm')
  const sealed = Buffer.from(resource.ciphertext, 'base64')
  if (sealed.length <= tagBytes) throw new Error('ciphertext too short')
  const decipher = createDecipheriv('aes-256-gcm', apiV3KeyBytes(apiV3Key), Buffer.from(resource.nonce, 'utf8'), {
    authTagLength: tagBytes,
  })
  decipher.setAuthTag(sealed.subarray(sealed.length - tagBytes))
  decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'))
  return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - tagBytes)), decipher.final()]).toString(
    'utf8',
  )
}

/** Encrypts a resource as WeChat does (12-character nonce), for the local provider and tests. */
export function encryptResource(
  plaintext: string,
  apiV3Key: string,
  originalType: string,
  associatedData: string,
): EncryptedResource {
  const nonce = randomBytes(6).toString('hex')
  const cipher = createCipheriv('aes-256-gcm', apiV3KeyBytes(apiV3Key), Buffer.from(nonce, 'utf8'), {
    authTagLength: tagBytes,
  })
  cipher.setAAD(Buffer.from(associatedData, 'utf8'))
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()])
  return {
    original_type: originalType,
    algorithm: 'AEAD_AES_256_GCM',
    ciphertext: sealed.toString('base64'),
    associated_data: associatedData,
    nonce,
  }
}
