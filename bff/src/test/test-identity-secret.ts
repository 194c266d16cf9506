/** The IDENTITY_HASH_SECRET of specs that import members: import idempotency keys are HMACs under it. */
export const testIdentitySecret = 'identity_test_0123456789abcdef'
