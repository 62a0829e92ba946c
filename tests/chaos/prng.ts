// Every choice of a chaos run comes from here: one seed, printed first, and named streams derived from it, so adding a
// choice to one part of the run (an actor, the storms) never shifts the choices of another.

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): 128 bits of state, passes PractRand; not for secrets. */
function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** FNV-1a over a string: turns (seed, label) into the 32-bit words of a stream's state. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class Rng {
  private readonly next: () => number;

  constructor(
    readonly seed: number,
    readonly label = 'root',
  ) {
    const key = `${seed}/${label}`;
    this.next = sfc32(fnv1a(`a:${key}`), fnv1a(`b:${key}`), fnv1a(`c:${key}`), fnv1a(`d:${key}`));
    for (let i = 0; i < 12; i++) this.next(); // warm up, as the author recommends
  }

  /** An independent stream for one part of the run, fixed by the seed and the label alone. */
  fork(label: string): Rng {
    return new Rng(this.seed, `${this.label}/${label}`);
  }

  float(): number {
    return this.next();
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A number in [min, max). */
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** Log-uniform in [min, max]: as many 1–10 byte files as 1–10 MiB ones. */
  logInt(min: number, max: number): number {
    return Math.min(max, Math.max(min, Math.round(Math.exp(this.between(Math.log(min), Math.log(max + 1))))));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from nothing');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** A random subset: each item kept with probability p. */
  subset<T>(items: readonly T[], p: number): T[] {
    return items.filter(() => this.next() < p);
  }

  /** A 32-bit integer, e.g. the seed of the sandbox's own fault PRNG for one phase. */
  u32(): number {
    return Math.floor(this.next() * 4294967296) >>> 0;
  }
}
