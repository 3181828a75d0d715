/**
 * Hybrid logical clock. Timestamps sort as strings, stay close to wall time, and never go backwards even
 * when the PC clock does (power cuts reset clocks on old PCs) or when a bundle from a faster clock arrives.
 * Format: 15-digit milliseconds, 5-digit counter, node id — e.g. `001764400000000.00003.2714-001`.
 */
export class HybridClock {
  private wallMs = 0;
  private counter = 0;

  constructor(
    /** Changes when a fresh installation series starts; the time part carries on. */
    public node: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts after the newest timestamp already stored, so a restart never reissues one. */
  resumeAfter(last: string | null | undefined): void {
    if (last) this.observe(last);
  }

  tick(): string {
    const physical = this.now();
    if (physical > this.wallMs) {
      this.wallMs = physical;
      this.counter = 0;
    } else {
      this.counter += 1;
    }
    return formatHlc(this.wallMs, this.counter, this.node);
  }

  /** Merges a timestamp seen elsewhere so that our next one sorts after it. */
  observe(timestamp: string): void {
    const { wallMs, counter } = parseHlc(timestamp);
    if (wallMs > this.wallMs || (wallMs === this.wallMs && counter > this.counter)) {
      this.wallMs = wallMs;
      this.counter = counter;
    }
  }
}

export function formatHlc(wallMs: number, counter: number, node: string): string {
  return `${String(wallMs).padStart(15, '0')}.${String(counter).padStart(5, '0')}.${node}`;
}

export function parseHlc(timestamp: string): { wallMs: number; counter: number; node: string } {
  const match = /^(\d{15})\.(\d{5,})\.(.+)$/.exec(timestamp);
  if (!match) throw new Error('malformed HLC timestamp');
  return { wallMs: Number(match[1]), counter: Number(match[2]), node: match[3]! };
}
