// The attacker's side of identity/README.md's count: given the state's dedup key and a last 4, every
// Aadhaar-shaped number (first digit 2–9, Verhoeff-valid) ending in those digits, sorted into its 16-bit
// bucket. One HMAC per candidate, 8 million candidates per last 4, so the HMAC is SHA-256 written out here
// with the key's inner and outer pad blocks compressed once: two compressions per candidate, no objects.

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
  0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
  0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
  0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
  0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const IV = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
const W = new Int32Array(64);

/** One SHA-256 compression of the 16 words `block` onto `state`, result in `out`. */
function compress(state: Int32Array, block: Int32Array, out: Int32Array): void {
  for (let i = 0; i < 16; i++) W[i] = block[i]!;
  for (let i = 16; i < 64; i++) {
    const x = W[i - 15]!;
    const y = W[i - 2]!;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    W[i] = (W[i - 16]! + s0 + W[i - 7]! + s1) | 0;
  }
  let a = state[0]!, b = state[1]!, c = state[2]!, d = state[3]!, e = state[4]!, f = state[5]!, g = state[6]!, h = state[7]!;
  for (let i = 0; i < 64; i++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + s1 + ((e & f) ^ (~e & g)) + K[i]! + W[i]!) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
  }
  out[0] = (state[0]! + a) | 0; out[1] = (state[1]! + b) | 0; out[2] = (state[2]! + c) | 0; out[3] = (state[3]! + d) | 0;
  out[4] = (state[4]! + e) | 0; out[5] = (state[5]! + f) | 0; out[6] = (state[6]! + g) | 0; out[7] = (state[7]! + h) | 0;
}

/** HMAC-SHA256 of 12 ASCII digits, cut to its first 16 bits, with the key's pad blocks done once. */
export class BucketHmac {
  private readonly innerStart = new Int32Array(8);
  private readonly outerStart = new Int32Array(8);
  private readonly innerBlock = new Int32Array(16);
  private readonly outerBlock = new Int32Array(16);
  private readonly inner = new Int32Array(8);
  private readonly outer = new Int32Array(8);

  constructor(key: Uint8Array) {
    if (key.length > 64) throw new RangeError('keys longer than a block are hashed first; not needed here');
    for (const [pad, start] of [[0x36, this.innerStart], [0x5c, this.outerStart]] as const) {
      const bytes = new Uint8Array(64).fill(pad);
      key.forEach((byte, i) => (bytes[i] = byte ^ pad));
      const block = new Int32Array(16);
      for (let i = 0; i < 16; i++) block[i] = (bytes[4 * i]! << 24) | (bytes[4 * i + 1]! << 16) | (bytes[4 * i + 2]! << 8) | bytes[4 * i + 3]!;
      compress(IV, block, start);
    }
    // 12 message bytes after the 64-byte pad block, then SHA-256 padding; the outer message is the 32-byte digest.
    this.innerBlock[3] = 0x80000000 | 0;
    this.innerBlock[15] = (64 + 12) * 8;
    this.outerBlock[8] = 0x80000000 | 0;
    this.outerBlock[15] = (64 + 32) * 8;
  }

  /** The message as three big-endian words of ASCII digits (1–4, 5–8, 9–12). */
  bucketOfWords(w0: number, w1: number, w2: number): number {
    this.innerBlock[0] = w0;
    this.innerBlock[1] = w1;
    this.innerBlock[2] = w2;
    compress(this.innerStart, this.innerBlock, this.inner);
    this.outerBlock.set(this.inner);
    compress(this.outerStart, this.outerBlock, this.outer);
    return this.outer[0]! >>> 16;
  }

  bucketOf(digits12: string): number {
    const word = (at: number) =>
      (digits12.charCodeAt(at) << 24) | (digits12.charCodeAt(at + 1) << 16) | (digits12.charCodeAt(at + 2) << 8) | digits12.charCodeAt(at + 3);
    return this.bucketOfWords(word(0), word(4), word(8));
  }
}

// Verhoeff as a group: d(a, b) is D5's product, p(i) the permutation for the i-th digit from the right.
const D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6], [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1], [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4], [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2], [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1], [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];
const INV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];
const ASCII0 = 0x30;

export interface BucketCensus {
  /** How many candidate numbers fall in each of the 65,536 buckets. */
  readonly histogram: Uint32Array;
  /** Every candidate counted: exactly 8,000,000 (8 first digits × 10⁶ middles, one 8th digit fits). */
  readonly total: number;
}

/**
 * Every 12-digit number with first digit 2–9, the given last 4 and a valid Verhoeff check, by bucket.
 * Digits 1–7 are free; exactly one 8th digit makes the check pass, found from the group equation
 * c4 · p4(d8) · p5(d7) ⋯ p3(d1) = 0, where c4 is the fold of the known last 4. `visit` sees each candidate
 * (as its first 8 digits and bucket) when `wanted[bucket]` is set, so a caller can look for known numbers.
 */
export function bucketCensus(
  hmac: BucketHmac,
  last4: string,
  wanted?: Uint8Array,
  visit?: (first8: number, bucket: number) => void,
): BucketCensus {
  if (!/^\d{4}$/.test(last4)) throw new RangeError('last4');
  let c4 = 0;
  for (let i = 0; i < 4; i++) c4 = D[c4]![P[i]![last4.charCodeAt(3 - i) - ASCII0]!]!;
  // The 8th digit that turns c4 into the group element t after its own step.
  const eighthFor = new Array<number>(10);
  for (let d8 = 0; d8 < 10; d8++) eighthFor[D[c4]![P[4]![d8]!]!] = d8;
  const w2 = (last4.charCodeAt(0) << 24) | (last4.charCodeAt(1) << 16) | (last4.charCodeAt(2) << 8) | last4.charCodeAt(3);

  const histogram = new Uint32Array(65_536);
  let total = 0;
  for (let d1 = 2; d1 <= 9; d1++) {
    const s1 = P[3]![d1]!;
    for (let d2 = 0; d2 <= 9; d2++) {
      const s2 = D[P[2]![d2]!]![s1]!;
      for (let d3 = 0; d3 <= 9; d3++) {
        const s3 = D[P[1]![d3]!]![s2]!;
        for (let d4 = 0; d4 <= 9; d4++) {
          const s4 = D[P[0]![d4]!]![s3]!;
          const w0 = ((ASCII0 + d1) << 24) | ((ASCII0 + d2) << 16) | ((ASCII0 + d3) << 8) | (ASCII0 + d4);
          const head = ((d1 * 10 + d2) * 10 + d3) * 10 + d4;
          for (let d5 = 0; d5 <= 9; d5++) {
            const s5 = D[P[7]![d5]!]![s4]!;
            for (let d6 = 0; d6 <= 9; d6++) {
              const s6 = D[P[6]![d6]!]![s5]!;
              for (let d7 = 0; d7 <= 9; d7++) {
                const y = D[P[5]![d7]!]![s6]!;
                const d8 = eighthFor[INV[y]!]!;
                const w1 = ((ASCII0 + d5) << 24) | ((ASCII0 + d6) << 16) | ((ASCII0 + d7) << 8) | (ASCII0 + d8);
                const bucket = hmac.bucketOfWords(w0, w1, w2);
                histogram[bucket] = histogram[bucket]! + 1;
                total += 1;
                if (wanted !== undefined && wanted[bucket] === 1) visit?.(head * 10_000 + ((d5 * 10 + d6) * 10 + d7) * 10 + d8, bucket);
              }
            }
          }
        }
      }
    }
  }
  return { histogram, total };
}
